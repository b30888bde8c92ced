<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>正在打开 {name}…</source>
        <translation>Opening {name}…</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>内部错误，详情已记录在 {log}</source>
        <translation>Internal error; the details are in {log}</translation>
    </message>
    <message>
        <source>残疾人服务覆盖规划</source>
        <translation>Disability Service Coverage Planning</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <source>筛选：输入任意文字</source>
        <translation>Filter: type any text</translation>
    </message>
    <message>
        <source>{shown:,} / {total:,} 行</source>
        <translation>{shown:,} / {total:,} rows</translation>
    </message>
</context>
<context>
    <name>CenterProposalTool</name>
    <message>
        <source>拟建服务机构</source>
        <translation>Propose service center</translation>
    </message>
    <message>
        <source>在地图上点击，放置一个拟建乡镇残疾人服务机构，即时查看服务机构覆盖率变化</source>
        <translation>Click the map to place a proposed township service center and see service-body coverage change at once</translation>
    </message>
    <message>
        <source>拟建服务机构（方案）</source>
        <translation>Proposed service centers (scenario)</translation>
    </message>
</context>
<context>
    <name>CrsPage</name>
    <message>
        <source>坐标从哪里来</source>
        <translation>Where the coordinates come from</translation>
    </message>
    <message>
        <source>不同地图的坐标相差几百米。请选表中经纬度的来源，程序会换算到国家2000坐标。</source>
        <translation>Coordinates from different maps differ by a few hundred metres. Choose where the longitudes and latitudes in the table come from; they are converted to CGCS2000.</translation>
    </message>
    <message>
        <source>如 4544</source>
        <translation>e.g. 4544</translation>
    </message>
    <message>
        <source>这个地图文件自带坐标系，会自动换算；只有坐标取自高德、腾讯或百度地图时，才需要选 GCJ-02 或 BD-09。</source>
        <translation>This map file carries its own coordinate system and is converted automatically; choose GCJ-02 or BD-09 only if the coordinates were taken from Amap, Tencent or Baidu maps.</translation>
    </message>
    <message>
        <source>EPSG:{code} 不是可用的坐标系代码，请核对。</source>
        <translation>EPSG:{code} is not a coordinate system code that can be used; please check it.</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>正在计算指标…</source>
        <translation>Computing indicators…</translation>
    </message>
    <message>
        <source>{name}&#x3000;依据 {document}</source>
        <translation>{name}  per {document}</translation>
    </message>
    <message>
        <source>其中 {n} 人无坐标，未计入服务半径覆盖（计入分母，不计入服务半径内）</source>
        <translation>{n} persons have no location: counted in the denominator, never within reach</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>全县</source>
        <translation>County</translation>
    </message>
    <message>
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <source>基线 {value}</source>
        <translation>Baseline {value}</translation>
    </message>
    <message>
        <source>其中 {n} 人无坐标，未计入服务半径覆盖</source>
        <translation>{n} of them have no location and are not counted within reach</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>选择文件</source>
        <translation>Choose a file</translation>
    </message>
    <message>
        <source>先选要导入的是哪类数据，再选文件。可以导入 Excel 表格（.xlsx、.xls）、CSV 或 TXT 表格，以及 Shapefile、GeoPackage、GeoJSON 地图文件。</source>
        <translation>First choose what kind of data to import, then the file. Excel workbooks (.xlsx, .xls), CSV or TXT tables, and Shapefile, GeoPackage or GeoJSON map files can be imported.</translation>
    </message>
    <message>
        <source>尚未选择文件</source>
        <translation>No file chosen yet</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>数据类别：</source>
        <translation>Kind of data:</translation>
    </message>
    <message>
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>选择要导入的文件</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <source>导入只会新增或更新，不会删除项目里已有的{kind}：与已有数据“{key}”相同的行，会更新那一条。</source>
        <translation>An import only adds or updates; it never deletes {kind} already in the project: a row with the same &quot;{key}&quot; as an existing one updates it.</translation>
    </message>
    <message>
        <source>不能导入 {suffix} 文件：请在 Excel 里另存为 .xlsx 或 CSV 后再选。</source>
        <translation>Cannot import {suffix} files: save it as .xlsx or CSV in Excel, then choose it again.</translation>
    </message>
    <message>
        <source>没有扩展名的</source>
        <translation>extension-less</translation>
    </message>
    <message>
        <source>{kind}是有边界的面状图形，只能从 Shapefile（.shp）、GeoPackage（.gpkg）或 GeoJSON 地图文件导入，不能从表格导入。</source>
        <translation>{kind} are areas with boundaries: they can only be imported from a Shapefile (.shp), GeoPackage (.gpkg) or GeoJSON map file, not from a table.</translation>
    </message>
</context>
<context>
    <name>HeaderPage</name>
    <message>
        <source>确认表头</source>
        <translation>Confirm the header row</translation>
    </message>
    <message>
        <source>表头是写着各列名称（如“姓名”“身份证号”）的那一行。它上面的标题、填报单位等不会导入，下面的每一行都会导入。</source>
        <translation>The header is the row that names the columns (such as &quot;姓名&quot;, &quot;身份证号&quot;). Titles and the reporting unit above it are not imported; every row below it is.</translation>
    </message>
    <message>
        <source>请点选表头所在的一行。</source>
        <translation>Click the row that holds the header.</translation>
    </message>
    <message>
        <source>已自动找到表头：第 {row} 行（已选中）。如果不对，请点选正确的一行。</source>
        <translation>Header found: row {row} (selected). If it is wrong, click the right row.</translation>
    </message>
    <message>
        <source>表头：第 {row} 行。</source>
        <translation>Header: row {row}.</translation>
    </message>
</context>
<context>
    <name>IdentifyPanel</name>
    <message>
        <source>点击地图上的要素查看其属性</source>
        <translation>Click a feature on the map to see its attributes</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>此处没有要素</source>
        <translation>No feature here</translation>
    </message>
</context>
<context>
    <name>ImportUndo</name>
    <message>
        <source>撤销导入…</source>
        <translation>Undo import…</translation>
    </message>
    <message>
        <source>把最近一次导入改动的图层恢复为导入前的样子</source>
        <translation>Put the layer the last import changed back as it was before</translation>
    </message>
    <message>
        <source>撤销导入</source>
        <translation>Undo import</translation>
    </message>
    <message>
        <source>撤销对 {layer} 的导入（{file}，{time}）？

{layer} 将恢复为这次导入之前的 {rows} 行，这次导入新增和更新的行都会去掉。</source>
        <translation>Undo the import into {layer} ({file}, {time})?

{layer} goes back to the {rows} rows it had before this import; the rows this import added or updated are taken out.</translation>
    </message>
    <message>
        <source>正在撤销导入…</source>
        <translation>Undoing the import…</translation>
    </message>
    <message>
        <source>已撤销对 {layer} 的导入（{file}，{time}）：恢复为 {rows} 行</source>
        <translation>Import into {layer} undone ({file}, {time}): back to {rows} rows</translation>
    </message>
    <message>
        <source>撤销导入没有完成</source>
        <translation>Undo import did not finish</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>导入数据</source>
        <translation>Import data</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>开始导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>JobStatus</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>停止正在进行的工作；项目文件保持原样</source>
        <translation>Stop the work in progress; the project file stays as it was</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>上移一层</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移一层</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>颜色…</source>
        <translation>Colour…</translation>
    </message>
    <message>
        <source>符号大小…</source>
        <translation>Symbol size…</translation>
    </message>
    <message>
        <source>图层颜色</source>
        <translation>Layer colour</translation>
    </message>
    <message>
        <source>符号大小</source>
        <translation>Symbol size</translation>
    </message>
    <message>
        <source>直径（像素）：</source>
        <translation>Diameter (pixels):</translation>
    </message>
</context>
<context>
    <name>LoadingPage</name>
    <message>
        <source>正在读取文件，请稍候…</source>
        <translation>Reading the file, please wait…</translation>
    </message>
    <message>
        <source>无法读取文件</source>
        <translation>Cannot read the file</translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <source>输出(&amp;O)</source>
        <translation>&amp;Output</translation>
    </message>
    <message>
        <source>导出清单</source>
        <translation>Export list</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>新建项目…</source>
        <translation>New project…</translation>
    </message>
    <message>
        <source>打开项目…</source>
        <translation>Open project…</translation>
    </message>
    <message>
        <source>最近打开的项目</source>
        <translation>Recent projects</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>导入数据…</source>
        <translation>Import data…</translation>
    </message>
    <message>
        <source>把 Excel 名单、设施表或界线文件导入项目</source>
        <translation>Import an Excel roster, a facility list or a boundary file into the project</translation>
    </message>
    <message>
        <source>保存方案…</source>
        <translation>Save scenario…</translation>
    </message>
    <message>
        <source>打开方案</source>
        <translation>Open scenario</translation>
    </message>
    <message>
        <source>项目设置…</source>
        <translation>Project settings…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>分析(&amp;A)</source>
        <translation>&amp;Analysis</translation>
    </message>
    <message>
        <source>康复站选址…</source>
        <translation>Site rehab stations…</translation>
    </message>
    <message>
        <source>新建几个站放在哪里覆盖最多；或最少建几个能达到覆盖率目标</source>
        <translation>Where N new stations reach the most need; or the fewest new stations that reach a coverage target</translation>
    </message>
    <message>
        <source>图层(&amp;L)</source>
        <translation>&amp;Layers</translation>
    </message>
    <message>
        <source>缩放至全县</source>
        <translation>Zoom to county</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>打印专题图…</source>
        <translation>Print thematic map…</translation>
    </message>
    <message>
        <source>导出网络地图…</source>
        <translation>Export web map…</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>工具</source>
        <translation>Tools</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{name} — 残疾人服务覆盖规划</source>
        <translation>{name} — Disability Service Coverage Planning</translation>
    </message>
    <message>
        <source>图层</source>
        <translation>Layers</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <source>属性表</source>
        <translation>Attribute table</translation>
    </message>
    <message>
        <source>要素信息</source>
        <translation>Feature information</translation>
    </message>
    <message>
        <source>{path}&#x3000;数据日期 {date}</source>
        <translation>{path}   data as of {date}</translation>
    </message>
    <message>
        <source>正在计算指标…</source>
        <translation>Computing indicators…</translation>
    </message>
    <message>
        <source>已选择 {layer} {count:,} 个</source>
        <translation>Selected {count:,} of {layer}</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>界面语言将在下次启动时更改。</source>
        <translation>The interface language changes the next time the app starts.</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>保存方案</source>
        <translation>Save scenario</translation>
    </message>
    <message>
        <source>方案名称：</source>
        <translation>Scenario name:</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <source>方案“{name}”已保存到项目</source>
        <translation>Scenario &quot;{name}&quot; saved in the project</translation>
    </message>
    <message>
        <source>（尚无方案）</source>
        <translation>(no scenarios yet)</translation>
    </message>
    <message>
        <source>比例尺 1:{scale:,.0f}</source>
        <translation>Scale 1:{scale:,.0f}</translation>
    </message>
    <message>
        <source>经度 {lon:.5f}&#x3000;纬度 {lat:.5f}</source>
        <translation>Lon {lon:.5f}  Lat {lat:.5f}</translation>
    </message>
    <message>
        <source>打开项目</source>
        <translation>Open project</translation>
    </message>
    <message>
        <source>项目文件 (*.gpkg)</source>
        <translation>Project files (*.gpkg)</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>残疾人服务覆盖规划 GIS
县残联规划人员用：人员与设施上图、指标对标、站点选址、专题图输出。</source>
        <translation>Disability Service Coverage Planning GIS
For county Disabled Persons&apos; Federation planners: map persons and facilities, measure indicators against targets, site new stations, print thematic maps.</translation>
    </message>
    <message>
        <source>尚未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>拟建设施方案尚未保存，是否保存？</source>
        <translation>The proposed facilities are not saved. Save them?</translation>
    </message>
</context>
<context>
    <name>MapTools</name>
    <message>
        <source>浏览</source>
        <translation>Browse</translation>
    </message>
    <message>
        <source>拖动地图平移，滚轮缩放，点击要素查看属性</source>
        <translation>Drag to pan, wheel to zoom, click a feature to see its attributes</translation>
    </message>
    <message>
        <source>框选</source>
        <translation>Select</translation>
    </message>
    <message>
        <source>在地图上拖出矩形，选中当前图层的要素（按住 Shift 追加）</source>
        <translation>Drag a rectangle on the map to select features of the current layer (hold Shift to add)</translation>
    </message>
    <message>
        <source>缩放至图层</source>
        <translation>Zoom to layer</translation>
    </message>
    <message>
        <source>缩放至所选要素</source>
        <translation>Zoom to selection</translation>
    </message>
    <message>
        <source>清除选择</source>
        <translation>Clear selection</translation>
    </message>
    <message>
        <source>显示康复站服务半径</source>
        <translation>Show rehab station service radius</translation>
    </message>
    <message>
        <source>删除{what} {key}</source>
        <translation>Delete {key} ({what})</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>核对各列的含义</source>
        <translation>Check what each column means</translation>
    </message>
    <message>
        <source>已按列名自动对应，请逐行核对“导入为”一栏，不对的请改选。选“按原列名保留”的列照原样存入图层；选“不导入”的列不会存入。</source>
        <translation>Columns were matched by their names; check the &quot;Import as&quot; column row by row and change any that are wrong. A column set to &quot;keep under its own name&quot; is stored as it is; a column set to &quot;do not import&quot; is not stored.</translation>
    </message>
    <message>
        <source>表中的列</source>
        <translation>Column in the file</translation>
    </message>
    <message>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
    <message>
        <source>示例（该列第一个有值的格）</source>
        <translation>Example (first filled cell of the column)</translation>
    </message>
    <message>
        <source>使用保存过的对应…</source>
        <translation>Use a saved matching…</translation>
    </message>
    <message>
        <source>保存这套对应…</source>
        <translation>Save this matching…</translation>
    </message>
    <message>
        <source>保存后，明年导入同样格式的表时可以直接使用</source>
        <translation>Saved, it can be used again next year for a table of the same layout</translation>
    </message>
    <message>
        <source>（按原列名保留）</source>
        <translation>(keep under its own name)</translation>
    </message>
    <message>
        <source>（不导入）</source>
        <translation>(do not import)</translation>
    </message>
    <message>
        <source>经度</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>纬度</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>坐标来源（逐行：高德、百度、GPS）</source>
        <translation>Coordinate source, row by row (Amap, Baidu, GPS)</translation>
    </message>
    <message>
        <source>（必填）</source>
        <translation>(required)</translation>
    </message>
    <message>
        <source>保存列对应</source>
        <translation>Save column matching</translation>
    </message>
    <message>
        <source>列对应文件 (*.json)</source>
        <translation>Column matching files (*.json)</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <source>无法写入 {path}：{reason}</source>
        <translation>Cannot write {path}: {reason}</translation>
    </message>
    <message>
        <source>使用保存过的列对应</source>
        <translation>Use a saved column matching</translation>
    </message>
    <message>
        <source>无法使用这套对应</source>
        <translation>Cannot use this matching</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <source>新建项目</source>
        <translation>New project</translation>
    </message>
    <message>
        <source>县代码（如 640202）或县名（如 大武口区）</source>
        <translation>County code (e.g. 640202) or name (e.g. 大武口区)</translation>
    </message>
    <message>
        <source>县</source>
        <translation>County</translation>
    </message>
    <message>
        <source>找到的县</source>
        <translation>County found</translation>
    </message>
    <message>
        <source>数据日期</source>
        <translation>Data date</translation>
    </message>
    <message>
        <source>名单所反映的日期；指标和清单按这一天计算</source>
        <translation>The day the rosters describe; indicators and shortlists are counted to this day</translation>
    </message>
    <message>
        <source> 公里</source>
        <translation> km</translation>
    </message>
    <message>
        <source>康复站服务半径</source>
        <translation>Rehab station service radius</translation>
    </message>
    <message>
        <source>目标文件</source>
        <translation>Target document</translation>
    </message>
    <message>
        <source>从国家统计局区划名单建立乡镇、村列表(&amp;P)</source>
        <translation>Start the township and village lists from the NBS division codes (&amp;P)</translation>
    </message>
    <message>
        <source>乡镇、村（社区）的代码和名称，没有界线；以后导入本县自己的名单或界线会按名称更新</source>
        <translation>Codes and names of townships and villages (communities), without outlines; the county&apos;s own lists or boundaries imported later update them by name</translation>
    </message>
    <message>
        <source>项目文件</source>
        <translation>Project file</translation>
    </message>
    <message>
        <source>浏览(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>选择项目文件保存位置</source>
        <translation>Choose where to save the project file</translation>
    </message>
    <message>
        <source>县(&amp;C)：</source>
        <translation>&amp;County:</translation>
    </message>
    <message>
        <source>数据日期(&amp;D)：</source>
        <translation>&amp;Data date:</translation>
    </message>
    <message>
        <source>服务半径(&amp;R)：</source>
        <translation>Service &amp;radius:</translation>
    </message>
    <message>
        <source>目标文件(&amp;T)：</source>
        <translation>&amp;Target document:</translation>
    </message>
    <message>
        <source>保存为(&amp;S)：</source>
        <translation>&amp;Save as:</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>新建项目保存为</source>
        <translation>Save the new project as</translation>
    </message>
    <message>
        <source>项目文件 (*.gpkg)</source>
        <translation>Project files (*.gpkg)</translation>
    </message>
    <message>
        <source>请填写县代码或县名。</source>
        <translation>Please enter a county code or name.</translation>
    </message>
    <message>
        <source>请选择项目文件的保存位置。</source>
        <translation>Please choose where to save the project file.</translation>
    </message>
    <message>
        <source>未能新建项目</source>
        <translation>Project not created</translation>
    </message>
    <message>
        <source>{path} 已存在；请换一个文件名，已有的项目不会被覆盖。</source>
        <translation>{path} already exists; please choose another file name: an existing project is never overwritten.</translation>
    </message>
    <message>
        <source>正在建立项目 {name}…</source>
        <translation>Creating project {name}…</translation>
    </message>
    <message>
        <source>（未确定：请从列表中选择，或输入 6 位县代码）</source>
        <translation>(not settled: choose from the list, or enter the 6-digit county code)</translation>
    </message>
    <message>
        <source>（输入县代码或县名，从列表中选择）</source>
        <translation>(enter a county code or name and choose from the list)</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>先试着整理表的前 {rows} 行，看看结果；项目还没有改动。</source>
        <translation>The first {rows} rows of the table, checked as the import will; the project has not changed yet.</translation>
    </message>
    <message>
        <source>橙色为可以导入的行所在位置。</source>
        <translation>Orange marks where the rows that can be imported lie.</translation>
    </message>
    <message>
        <source>前 {n} 行</source>
        <translation>First {n} rows</translation>
    </message>
    <message>
        <source>全部 {n} 行</source>
        <translation>All {n} rows</translation>
    </message>
    <message>
        <source>{which}：可导入 {ok} 行，不能导入 {bad} 行</source>
        <translation>{which}: {ok} can be imported, {bad} cannot</translation>
    </message>
    <message>
        <source>第 {row} 行：{reason}</source>
        <translation>Row {row}: {reason}</translation>
    </message>
    <message>
        <source>不能导入的原因：</source>
        <translation>Why rows cannot be imported:</translation>
    </message>
    <message>
        <source>不能导入的原因（前 {n} 行）：</source>
        <translation>Why rows cannot be imported (first {n}):</translation>
    </message>
    <message>
        <source>导入后，不能导入的行会连同原因写进一个 Excel 文件，改正后可以再导入。</source>
        <translation>After the import, the rows that could not be imported are written with their reasons to an Excel file; correct them and import again.</translation>
    </message>
    <message>
        <source>另有 {n} 行带提醒（如“按所在村定位”），仍会导入。</source>
        <translation>{n} more rows carry a note (such as &quot;placed on its village&quot;) and are still imported.</translation>
    </message>
    <message>
        <source>注意：{w}</source>
        <translation>Note: {w}</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>打印专题图</source>
        <translation>Print thematic map</translation>
    </message>
    <message>
        <source>横向</source>
        <translation>Landscape</translation>
    </message>
    <message>
        <source>纵向</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <source>默认：县名与指标名称</source>
        <translation>Default: county and indicator name</translation>
    </message>
    <message>
        <source>乡镇图集：每个乡镇一页（PDF）</source>
        <translation>Township atlas: one page per township (PDF)</translation>
    </message>
    <message>
        <source>指标：</source>
        <translation>Indicator:</translation>
    </message>
    <message>
        <source>纸张：</source>
        <translation>Paper:</translation>
    </message>
    <message>
        <source>方向：</source>
        <translation>Orientation:</translation>
    </message>
    <message>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <source>预览乡镇：</source>
        <translation>Preview township:</translation>
    </message>
    <message>
        <source>打印的是窗口中的地图：拟建设施（方案）一并印出。图上不出现姓名和身份证号，人员只以匿名点表示。</source>
        <translation>The map printed is the one in the window: proposed facilities (scenario) are printed too. No names or ID numbers appear; persons are anonymous dots.</translation>
    </message>
    <message>
        <source>保存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>保存为 PNG（300 dpi）…</source>
        <translation>Save as PNG (300 dpi)…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>正在生成预览…</source>
        <translation>Making the preview…</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <source>保存专题图</source>
        <translation>Save thematic map</translation>
    </message>
    <message>
        <source>已写入 {path}</source>
        <translation>Written to {path}</translation>
    </message>
    <message>
        <source>正在输出专题图…</source>
        <translation>Writing the thematic map…</translation>
    </message>
    <message>
        <source>无法输出专题图</source>
        <translation>Cannot write the thematic map</translation>
    </message>
</context>
<context>
    <name>ProjectFiles</name>
    <message>
        <source>演示项目</source>
        <translation>Demo project</translation>
    </message>
    <message>
        <source>这是演示项目。请先另存为您自己的项目，再导入或修改。</source>
        <translation>This is the demo project. Please save it as your own project first, then import or make changes.</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>项目文件 (*.gpkg)</source>
        <translation>Project files (*.gpkg)</translation>
    </message>
    <message>
        <source>演示项目不能被覆盖；请另选一个文件名。</source>
        <translation>The demo project cannot be overwritten; please choose another file name.</translation>
    </message>
    <message>
        <source>已另存为 {path}，以后的修改都保存在这里</source>
        <translation>Saved as {path}; changes from now on are saved there</translation>
    </message>
    <message>
        <source>另存为没有完成</source>
        <translation>Save as did not complete</translation>
    </message>
    <message>
        <source>正在另存为 {name}…</source>
        <translation>Saving as {name}…</translation>
    </message>
    <message>
        <source>{name}（副本）</source>
        <translation>{name} (copy)</translation>
    </message>
    <message>
        <source>新建项目</source>
        <translation>New project</translation>
    </message>
    <message>
        <source>已新建项目 {path}。</source>
        <translation>Created project {path}.</translation>
    </message>
    <message>
        <source>已新建项目 {path}</source>
        <translation>Created project {path}</translation>
    </message>
</context>
<context>
    <name>ProposalTool</name>
    <message>
        <source>拟建设施</source>
        <translation>Propose facility</translation>
    </message>
    <message>
        <source>移动拟建设施</source>
        <translation>Move proposed facility</translation>
    </message>
    <message>
        <source>删除拟建设施</source>
        <translation>Delete proposed facility</translation>
    </message>
</context>
<context>
    <name>RecentProjects</name>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>ReportOutputs</name>
    <message>
        <source>导出网络地图</source>
        <translation>Export web map</translation>
    </message>
    <message>
        <source>网页 (*.html)</source>
        <translation>Web pages (*.html)</translation>
    </message>
    <message>
        <source>网络地图已写入 {path}（离线可用，用浏览器打开）</source>
        <translation>Web map written to {path} (works offline; open it in a browser)</translation>
    </message>
    <message>
        <source>正在导出网络地图…</source>
        <translation>Exporting web map…</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>打开未导入行文件</source>
        <translation>Open the rejected-rows file</translation>
    </message>
    <message>
        <source>详细情况：</source>
        <translation>Details:</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <source>数据已写入项目，主窗口的地图和指标随之更新。</source>
        <translation>The data are in the project; the map and the indicators of the main window follow.</translation>
    </message>
    <message>
        <source>没有导入任何一行</source>
        <translation>No row was imported</translation>
    </message>
    <message>
        <source>项目没有改动。请打开未导入行文件查看原因，改正后再导入。</source>
        <translation>The project has not changed. Open the rejected-rows file to see why, correct it and import again.</translation>
    </message>
    <message>
        <source>{kind}：导入 {accepted} 行（新增 {added}，更新 {updated}），未导入 {rejected} 行。</source>
        <translation>{kind}: {accepted} rows imported ({added} new, {updated} updated), {rejected} rows not imported.</translation>
    </message>
    <message>
        <source>注意：{w}</source>
        <translation>Note: {w}</translation>
    </message>
    <message>
        <source>每一行都已导入，没有提醒。</source>
        <translation>Every row was imported, without notes.</translation>
    </message>
    <message>
        <source>未导入的行连同原因（以及导入时的提醒）已写入 {path}。改正后可以再次导入这个文件。</source>
        <translation>The rows not imported, with their reasons (and the notes of the import), are in {path}. Correct them and import that file again.</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>正在把数据写入项目。可以随时取消：取消后项目保持原样。</source>
        <translation>Writing the data into the project. You can cancel at any time: the project then stays as it was.</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>返回上一步</source>
        <translation>Go back</translation>
    </message>
    <message>
        <source>正在导入 {file} …</source>
        <translation>Importing {file}…</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>已取消导入：项目没有任何改动。</source>
        <translation>Import cancelled: the project has not changed.</translation>
    </message>
    <message>
        <source>导入没有完成：项目没有任何改动。</source>
        <translation>The import did not finish: the project has not changed.</translation>
    </message>
    <message>
        <source>导入没有完成</source>
        <translation>The import did not finish</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>项目设置</source>
        <translation>Project settings</translation>
    </message>
    <message>
        <source>设置未保存</source>
        <translation>Settings not saved</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <source>选择工作表</source>
        <translation>Choose a sheet</translation>
    </message>
    <message>
        <source>这个文件里有多个工作表（或图层），请选要导入的那一个。</source>
        <translation>This file has several sheets (or layers); choose the one to import.</translation>
    </message>
</context>
<context>
    <name>ShortlistExports</name>
    <message>
        <source>康复服务半径外的村…</source>
        <translation>Villages beyond the rehab service radius…</translation>
    </message>
    <message>
        <source>未改造的困难重度残疾人家庭…</source>
        <translation>Poor severely disabled households not yet renovated…</translation>
    </message>
    <message>
        <source>逾期未走访的监测对象…</source>
        <translation>Monitored persons overdue for a visit…</translation>
    </message>
    <message>
        <source>无服务机构的乡镇…</source>
        <translation>Townships without a service body…</translation>
    </message>
    <message>
        <source>导出清单</source>
        <translation>Export list</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>{title}：{rows:,} 行，已写入 {path}</source>
        <translation>{title}: {rows:,} rows written to {path}</translation>
    </message>
    <message>
        <source>正在导出清单…</source>
        <translation>Exporting list…</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
</context>
<context>
    <name>SitingDialog</name>
    <message>
        <source>康复站选址</source>
        <translation>Site rehab stations</translation>
    </message>
    <message>
        <source>能新建几个站：新建</source>
        <translation>Stations we can fund: build</translation>
    </message>
    <message>
        <source> 个，覆盖尽量多的康复需求</source>
        <translation> stations reaching the most rehab need</translation>
    </message>
    <message>
        <source>要达到目标：最少新建几个，使覆盖率达到</source>
        <translation>To meet a target: the fewest new stations bringing coverage to</translation>
    </message>
    <message>
        <source>每个乡镇都要达到</source>
        <translation>in every township too</translation>
    </message>
    <message>
        <source>{name}所在地</source>
        <translation>Places of {name}</translation>
    </message>
    <message>
        <source>全县规则网格</source>
        <translation>Regular grid over the county</translation>
    </message>
    <message>
        <source> 公里间距</source>
        <translation> km apart</translation>
    </message>
    <message>
        <source> 公里</source>
        <translation> km</translation>
    </message>
    <message>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <source>候选点：</source>
        <translation>Candidates:</translation>
    </message>
    <message>
        <source>网格：</source>
        <translation>Grid:</translation>
    </message>
    <message>
        <source>服务半径：</source>
        <translation>Service radius:</translation>
    </message>
    <message>
        <source>求解时间上限：</source>
        <translation>Time limit:</translation>
    </message>
    <message>
        <source>现有康复站保持不动。需求按目标文件计：有康复需求的持证残疾人，重度和监测对象加权。</source>
        <translation>Existing stations stay. Need follows the target document: certified disabled persons with a rehab need, severe and monitored persons weighted more.</translation>
    </message>
    <message>
        <source>开始计算</source>
        <translation>Compute</translation>
    </message>
    <message>
        <source>停止</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>选好问题后点“开始计算”。</source>
        <translation>Choose the question, then click &quot;Compute&quot;.</translation>
    </message>
    <message>
        <source>顺序</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>新覆盖人数</source>
        <translation>Newly reached</translation>
    </message>
    <message>
        <source>全县覆盖率</source>
        <translation>County coverage</translation>
    </message>
    <message>
        <source>放到地图上</source>
        <translation>Put on the map</translation>
    </message>
    <message>
        <source>作为拟建康复站放到地图上，指标随之更新，可再拖动调整</source>
        <translation>Put them on the map as proposed stations; the indicators follow and they can be dragged</translation>
    </message>
    <message>
        <source>保存为方案…</source>
        <translation>Save as scenario…</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>无法计算</source>
        <translation>Cannot compute</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>正在计算选址…</source>
        <translation>Siting…</translation>
    </message>
    <message>
        <source>保存方案</source>
        <translation>Save scenario</translation>
    </message>
    <message>
        <source>方案名称：</source>
        <translation>Scenario name:</translation>
    </message>
    <message>
        <source>已保存为方案“{name}”（文件 → 打开方案）</source>
        <translation>Saved as scenario &quot;{name}&quot; (File → Open scenario)</translation>
    </message>
    <message>
        <source>导出选址结果</source>
        <translation>Export siting result</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>已写入 {xlsx} 和覆盖率曲线 {png}</source>
        <translation>Written {xlsx} and the coverage curve {png}</translation>
    </message>
    <message>
        <source>已停止。</source>
        <translation>Stopped.</translation>
    </message>
</context>
<context>
    <name>StationProposalTool</name>
    <message>
        <source>拟建康复站</source>
        <translation>Propose rehab station</translation>
    </message>
    <message>
        <source>在地图上点击，放置一个拟建康复站，即时查看服务半径覆盖率变化</source>
        <translation>Click the map to place a proposed rehab station and see the coverage change at once</translation>
    </message>
    <message>
        <source>拟建康复站（方案）</source>
        <translation>Proposed rehab stations (scenario)</translation>
    </message>
    <message>
        <source>服务半径外的康复需求人员</source>
        <translation>Persons in need beyond the service radius</translation>
    </message>
</context>
</TS>
