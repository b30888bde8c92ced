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
        <source>打开项目…</source>
        <translation>Open project…</translation>
    </message>
    <message>
        <source>最近打开的项目</source>
        <translation>Recent projects</translation>
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
