<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>正在打开 {name}…</source>
        <translation>正在打开 {name}…</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>内部错误，详情已记录在 {log}</source>
        <translation>内部错误，详情已记录在 {log}</translation>
    </message>
    <message>
        <source>残疾人服务覆盖规划</source>
        <translation>残疾人服务覆盖规划</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <source>筛选：输入任意文字</source>
        <translation>筛选：输入任意文字</translation>
    </message>
    <message>
        <source>{shown:,} / {total:,} 行</source>
        <translation>{shown:,} / {total:,} 行</translation>
    </message>
</context>
<context>
    <name>CenterProposalTool</name>
    <message>
        <source>拟建服务机构</source>
        <translation>拟建服务机构</translation>
    </message>
    <message>
        <source>在地图上点击，放置一个拟建乡镇残疾人服务机构，即时查看服务机构覆盖率变化</source>
        <translation>在地图上点击，放置一个拟建乡镇残疾人服务机构，即时查看服务机构覆盖率变化</translation>
    </message>
    <message>
        <source>拟建服务机构（方案）</source>
        <translation>拟建服务机构（方案）</translation>
    </message>
</context>
<context>
    <name>CrsPage</name>
    <message>
        <source>坐标从哪里来</source>
        <translation>坐标从哪里来</translation>
    </message>
    <message>
        <source>不同地图的坐标相差几百米。请选表中经纬度的来源，程序会换算到国家2000坐标。</source>
        <translation>不同地图的坐标相差几百米。请选表中经纬度的来源，程序会换算到国家2000坐标。</translation>
    </message>
    <message>
        <source>如 4544</source>
        <translation>如 4544</translation>
    </message>
    <message>
        <source>这个地图文件自带坐标系，会自动换算；只有坐标取自高德、腾讯或百度地图时，才需要选 GCJ-02 或 BD-09。</source>
        <translation>这个地图文件自带坐标系，会自动换算；只有坐标取自高德、腾讯或百度地图时，才需要选 GCJ-02 或 BD-09。</translation>
    </message>
    <message>
        <source>EPSG:{code} 不是可用的坐标系代码，请核对。</source>
        <translation>EPSG:{code} 不是可用的坐标系代码，请核对。</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>正在计算指标…</source>
        <translation>正在计算指标…</translation>
    </message>
    <message>
        <source>{name}　依据 {document}</source>
        <translation>{name}　依据 {document}</translation>
    </message>
    <message>
        <source>其中 {n} 人无坐标，未计入服务半径覆盖（计入分母，不计入服务半径内）</source>
        <translation>其中 {n} 人无坐标，未计入服务半径覆盖（计入分母，不计入服务半径内）</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>全县</source>
        <translation>全县</translation>
    </message>
    <message>
        <source>无数据</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>基线 {value}</source>
        <translation>基线 {value}</translation>
    </message>
    <message>
        <source>其中 {n} 人无坐标，未计入服务半径覆盖</source>
        <translation>其中 {n} 人无坐标，未计入服务半径覆盖</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>选择文件</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>先选要导入的是哪类数据，再选文件。可以导入 Excel 表格（.xlsx、.xls）、CSV 或 TXT 表格，以及 Shapefile、GeoPackage、GeoJSON 地图文件。</source>
        <translation>先选要导入的是哪类数据，再选文件。可以导入 Excel 表格（.xlsx、.xls）、CSV 或 TXT 表格，以及 Shapefile、GeoPackage、GeoJSON 地图文件。</translation>
    </message>
    <message>
        <source>尚未选择文件</source>
        <translation>尚未选择文件</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>数据类别：</source>
        <translation>数据类别：</translation>
    </message>
    <message>
        <source>文件：</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>选择要导入的文件</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <source>导入只会新增或更新，不会删除项目里已有的{kind}：与已有数据“{key}”相同的行，会更新那一条。</source>
        <translation>导入只会新增或更新，不会删除项目里已有的{kind}：与已有数据“{key}”相同的行，会更新那一条。</translation>
    </message>
    <message>
        <source>不能导入 {suffix} 文件：请在 Excel 里另存为 .xlsx 或 CSV 后再选。</source>
        <translation>不能导入 {suffix} 文件：请在 Excel 里另存为 .xlsx 或 CSV 后再选。</translation>
    </message>
    <message>
        <source>没有扩展名的</source>
        <translation>没有扩展名的</translation>
    </message>
    <message>
        <source>{kind}是有边界的面状图形，只能从 Shapefile（.shp）、GeoPackage（.gpkg）或 GeoJSON 地图文件导入，不能从表格导入。</source>
        <translation>{kind}是有边界的面状图形，只能从 Shapefile（.shp）、GeoPackage（.gpkg）或 GeoJSON 地图文件导入，不能从表格导入。</translation>
    </message>
</context>
<context>
    <name>HeaderPage</name>
    <message>
        <source>确认表头</source>
        <translation>确认表头</translation>
    </message>
    <message>
        <source>表头是写着各列名称（如“姓名”“身份证号”）的那一行。它上面的标题、填报单位等不会导入，下面的每一行都会导入。</source>
        <translation>表头是写着各列名称（如“姓名”“身份证号”）的那一行。它上面的标题、填报单位等不会导入，下面的每一行都会导入。</translation>
    </message>
    <message>
        <source>请点选表头所在的一行。</source>
        <translation>请点选表头所在的一行。</translation>
    </message>
    <message>
        <source>已自动找到表头：第 {row} 行（已选中）。如果不对，请点选正确的一行。</source>
        <translation>已自动找到表头：第 {row} 行（已选中）。如果不对，请点选正确的一行。</translation>
    </message>
    <message>
        <source>表头：第 {row} 行。</source>
        <translation>表头：第 {row} 行。</translation>
    </message>
</context>
<context>
    <name>IdentifyPanel</name>
    <message>
        <source>点击地图上的要素查看其属性</source>
        <translation>点击地图上的要素查看其属性</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>此处没有要素</source>
        <translation>此处没有要素</translation>
    </message>
</context>
<context>
    <name>ImportUndo</name>
    <message>
        <source>撤销导入…</source>
        <translation>撤销导入…</translation>
    </message>
    <message>
        <source>把最近一次导入改动的图层恢复为导入前的样子</source>
        <translation>把最近一次导入改动的图层恢复为导入前的样子</translation>
    </message>
    <message>
        <source>撤销导入</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>撤销对 {layer} 的导入（{file}，{time}）？

{layer} 将恢复为这次导入之前的 {rows} 行，这次导入新增和更新的行都会去掉。</source>
        <translation>撤销对 {layer} 的导入（{file}，{time}）？

{layer} 将恢复为这次导入之前的 {rows} 行，这次导入新增和更新的行都会去掉。</translation>
    </message>
    <message>
        <source>正在撤销导入…</source>
        <translation>正在撤销导入…</translation>
    </message>
    <message>
        <source>已撤销对 {layer} 的导入（{file}，{time}）：恢复为 {rows} 行</source>
        <translation>已撤销对 {layer} 的导入（{file}，{time}）：恢复为 {rows} 行</translation>
    </message>
    <message>
        <source>撤销导入没有完成</source>
        <translation>撤销导入没有完成</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>导入数据</source>
        <translation>导入数据</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>开始导入</source>
        <translation>开始导入</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>JobStatus</name>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>停止正在进行的工作；项目文件保持原样</source>
        <translation>停止正在进行的工作；项目文件保持原样</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>上移一层</source>
        <translation>上移一层</translation>
    </message>
    <message>
        <source>下移一层</source>
        <translation>下移一层</translation>
    </message>
    <message>
        <source>颜色…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <source>符号大小…</source>
        <translation>符号大小…</translation>
    </message>
    <message>
        <source>图层颜色</source>
        <translation>图层颜色</translation>
    </message>
    <message>
        <source>符号大小</source>
        <translation>符号大小</translation>
    </message>
    <message>
        <source>直径（像素）：</source>
        <translation>直径（像素）：</translation>
    </message>
</context>
<context>
    <name>LoadingPage</name>
    <message>
        <source>正在读取文件，请稍候…</source>
        <translation>正在读取文件，请稍候…</translation>
    </message>
    <message>
        <source>无法读取文件</source>
        <translation>无法读取文件</translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <source>输出(&amp;O)</source>
        <translation>输出(&amp;O)</translation>
    </message>
    <message>
        <source>导出清单</source>
        <translation>导出清单</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>新建项目…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <source>打开项目…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>最近打开的项目</source>
        <translation>最近打开的项目</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>导入数据…</source>
        <translation>导入数据…</translation>
    </message>
    <message>
        <source>把 Excel 名单、设施表或界线文件导入项目</source>
        <translation>把 Excel 名单、设施表或界线文件导入项目</translation>
    </message>
    <message>
        <source>保存方案…</source>
        <translation>保存方案…</translation>
    </message>
    <message>
        <source>打开方案</source>
        <translation>打开方案</translation>
    </message>
    <message>
        <source>项目设置…</source>
        <translation>项目设置…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>分析(&amp;A)</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>康复站选址…</source>
        <translation>康复站选址…</translation>
    </message>
    <message>
        <source>新建几个站放在哪里覆盖最多；或最少建几个能达到覆盖率目标</source>
        <translation>新建几个站放在哪里覆盖最多；或最少建几个能达到覆盖率目标</translation>
    </message>
    <message>
        <source>图层(&amp;L)</source>
        <translation>图层(&amp;L)</translation>
    </message>
    <message>
        <source>缩放至全县</source>
        <translation>缩放至全县</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>打印专题图…</source>
        <translation>打印专题图…</translation>
    </message>
    <message>
        <source>导出网络地图…</source>
        <translation>导出网络地图…</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>工具</source>
        <translation>工具</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{name} — 残疾人服务覆盖规划</source>
        <translation>{name} — 残疾人服务覆盖规划</translation>
    </message>
    <message>
        <source>图层</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>属性表</source>
        <translation>属性表</translation>
    </message>
    <message>
        <source>要素信息</source>
        <translation>要素信息</translation>
    </message>
    <message>
        <source>{path}　数据日期 {date}</source>
        <translation>{path}　数据日期 {date}</translation>
    </message>
    <message>
        <source>正在计算指标…</source>
        <translation>正在计算指标…</translation>
    </message>
    <message>
        <source>已选择 {layer} {count:,} 个</source>
        <translation>已选择 {layer} {count:,} 个</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>界面语言将在下次启动时更改。</source>
        <translation>界面语言将在下次启动时更改。</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>保存方案</source>
        <translation>保存方案</translation>
    </message>
    <message>
        <source>方案名称：</source>
        <translation>方案名称：</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <source>方案“{name}”已保存到项目</source>
        <translation>方案“{name}”已保存到项目</translation>
    </message>
    <message>
        <source>（尚无方案）</source>
        <translation>（尚无方案）</translation>
    </message>
    <message>
        <source>比例尺 1:{scale:,.0f}</source>
        <translation>比例尺 1:{scale:,.0f}</translation>
    </message>
    <message>
        <source>经度 {lon:.5f}　纬度 {lat:.5f}</source>
        <translation>经度 {lon:.5f}　纬度 {lat:.5f}</translation>
    </message>
    <message>
        <source>打开项目</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>项目文件 (*.gpkg)</source>
        <translation>项目文件 (*.gpkg)</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>残疾人服务覆盖规划 GIS
县残联规划人员用：人员与设施上图、指标对标、站点选址、专题图输出。</source>
        <translation>残疾人服务覆盖规划 GIS
县残联规划人员用：人员与设施上图、指标对标、站点选址、专题图输出。</translation>
    </message>
    <message>
        <source>尚未保存</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <source>拟建设施方案尚未保存，是否保存？</source>
        <translation>拟建设施方案尚未保存，是否保存？</translation>
    </message>
</context>
<context>
    <name>MapTools</name>
    <message>
        <source>浏览</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>拖动地图平移，滚轮缩放，点击要素查看属性</source>
        <translation>拖动地图平移，滚轮缩放，点击要素查看属性</translation>
    </message>
    <message>
        <source>框选</source>
        <translation>框选</translation>
    </message>
    <message>
        <source>在地图上拖出矩形，选中当前图层的要素（按住 Shift 追加）</source>
        <translation>在地图上拖出矩形，选中当前图层的要素（按住 Shift 追加）</translation>
    </message>
    <message>
        <source>缩放至图层</source>
        <translation>缩放至图层</translation>
    </message>
    <message>
        <source>缩放至所选要素</source>
        <translation>缩放至所选要素</translation>
    </message>
    <message>
        <source>清除选择</source>
        <translation>清除选择</translation>
    </message>
    <message>
        <source>显示康复站服务半径</source>
        <translation>显示康复站服务半径</translation>
    </message>
    <message>
        <source>删除{what} {key}</source>
        <translation>删除{what} {key}</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>核对各列的含义</source>
        <translation>核对各列的含义</translation>
    </message>
    <message>
        <source>已按列名自动对应，请逐行核对“导入为”一栏，不对的请改选。选“按原列名保留”的列照原样存入图层；选“不导入”的列不会存入。</source>
        <translation>已按列名自动对应，请逐行核对“导入为”一栏，不对的请改选。选“按原列名保留”的列照原样存入图层；选“不导入”的列不会存入。</translation>
    </message>
    <message>
        <source>表中的列</source>
        <translation>表中的列</translation>
    </message>
    <message>
        <source>导入为</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>示例（该列第一个有值的格）</source>
        <translation>示例（该列第一个有值的格）</translation>
    </message>
    <message>
        <source>使用保存过的对应…</source>
        <translation>使用保存过的对应…</translation>
    </message>
    <message>
        <source>保存这套对应…</source>
        <translation>保存这套对应…</translation>
    </message>
    <message>
        <source>保存后，明年导入同样格式的表时可以直接使用</source>
        <translation>保存后，明年导入同样格式的表时可以直接使用</translation>
    </message>
    <message>
        <source>（按原列名保留）</source>
        <translation>（按原列名保留）</translation>
    </message>
    <message>
        <source>（不导入）</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>经度</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>纬度</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>坐标来源（逐行：高德、百度、GPS）</source>
        <translation>坐标来源（逐行：高德、百度、GPS）</translation>
    </message>
    <message>
        <source>（必填）</source>
        <translation>（必填）</translation>
    </message>
    <message>
        <source>保存列对应</source>
        <translation>保存列对应</translation>
    </message>
    <message>
        <source>列对应文件 (*.json)</source>
        <translation>列对应文件 (*.json)</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <source>无法写入 {path}：{reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>使用保存过的列对应</source>
        <translation>使用保存过的列对应</translation>
    </message>
    <message>
        <source>无法使用这套对应</source>
        <translation>无法使用这套对应</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <source>新建项目</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>县代码（如 640202）或县名（如 大武口区）</source>
        <translation>县代码（如 640202）或县名（如 大武口区）</translation>
    </message>
    <message>
        <source>县</source>
        <translation>县</translation>
    </message>
    <message>
        <source>找到的县</source>
        <translation>找到的县</translation>
    </message>
    <message>
        <source>数据日期</source>
        <translation>数据日期</translation>
    </message>
    <message>
        <source>名单所反映的日期；指标和清单按这一天计算</source>
        <translation>名单所反映的日期；指标和清单按这一天计算</translation>
    </message>
    <message>
        <source> 公里</source>
        <translation> 公里</translation>
    </message>
    <message>
        <source>康复站服务半径</source>
        <translation>康复站服务半径</translation>
    </message>
    <message>
        <source>目标文件</source>
        <translation>目标文件</translation>
    </message>
    <message>
        <source>从国家统计局区划名单建立乡镇、村列表(&amp;P)</source>
        <translation>从国家统计局区划名单建立乡镇、村列表(&amp;P)</translation>
    </message>
    <message>
        <source>乡镇、村（社区）的代码和名称，没有界线；以后导入本县自己的名单或界线会按名称更新</source>
        <translation>乡镇、村（社区）的代码和名称，没有界线；以后导入本县自己的名单或界线会按名称更新</translation>
    </message>
    <message>
        <source>项目文件</source>
        <translation>项目文件</translation>
    </message>
    <message>
        <source>浏览(&amp;B)…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>选择项目文件保存位置</source>
        <translation>选择项目文件保存位置</translation>
    </message>
    <message>
        <source>县(&amp;C)：</source>
        <translation>县(&amp;C)：</translation>
    </message>
    <message>
        <source>数据日期(&amp;D)：</source>
        <translation>数据日期(&amp;D)：</translation>
    </message>
    <message>
        <source>服务半径(&amp;R)：</source>
        <translation>服务半径(&amp;R)：</translation>
    </message>
    <message>
        <source>目标文件(&amp;T)：</source>
        <translation>目标文件(&amp;T)：</translation>
    </message>
    <message>
        <source>保存为(&amp;S)：</source>
        <translation>保存为(&amp;S)：</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>新建项目保存为</source>
        <translation>新建项目保存为</translation>
    </message>
    <message>
        <source>项目文件 (*.gpkg)</source>
        <translation>项目文件 (*.gpkg)</translation>
    </message>
    <message>
        <source>请填写县代码或县名。</source>
        <translation>请填写县代码或县名。</translation>
    </message>
    <message>
        <source>请选择项目文件的保存位置。</source>
        <translation>请选择项目文件的保存位置。</translation>
    </message>
    <message>
        <source>未能新建项目</source>
        <translation>未能新建项目</translation>
    </message>
    <message>
        <source>{path} 已存在；请换一个文件名，已有的项目不会被覆盖。</source>
        <translation>{path} 已存在；请换一个文件名，已有的项目不会被覆盖。</translation>
    </message>
    <message>
        <source>正在建立项目 {name}…</source>
        <translation>正在建立项目 {name}…</translation>
    </message>
    <message>
        <source>（未确定：请从列表中选择，或输入 6 位县代码）</source>
        <translation>（未确定：请从列表中选择，或输入 6 位县代码）</translation>
    </message>
    <message>
        <source>（输入县代码或县名，从列表中选择）</source>
        <translation>（输入县代码或县名，从列表中选择）</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>预览</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>先试着整理表的前 {rows} 行，看看结果；项目还没有改动。</source>
        <translation>先试着整理表的前 {rows} 行，看看结果；项目还没有改动。</translation>
    </message>
    <message>
        <source>橙色为可以导入的行所在位置。</source>
        <translation>橙色为可以导入的行所在位置。</translation>
    </message>
    <message>
        <source>前 {n} 行</source>
        <translation>前 {n} 行</translation>
    </message>
    <message>
        <source>全部 {n} 行</source>
        <translation>全部 {n} 行</translation>
    </message>
    <message>
        <source>{which}：可导入 {ok} 行，不能导入 {bad} 行</source>
        <translation>{which}：可导入 {ok} 行，不能导入 {bad} 行</translation>
    </message>
    <message>
        <source>第 {row} 行：{reason}</source>
        <translation>第 {row} 行：{reason}</translation>
    </message>
    <message>
        <source>不能导入的原因：</source>
        <translation>不能导入的原因：</translation>
    </message>
    <message>
        <source>不能导入的原因（前 {n} 行）：</source>
        <translation>不能导入的原因（前 {n} 行）：</translation>
    </message>
    <message>
        <source>导入后，不能导入的行会连同原因写进一个 Excel 文件，改正后可以再导入。</source>
        <translation>导入后，不能导入的行会连同原因写进一个 Excel 文件，改正后可以再导入。</translation>
    </message>
    <message>
        <source>另有 {n} 行带提醒（如“按所在村定位”），仍会导入。</source>
        <translation>另有 {n} 行带提醒（如“按所在村定位”），仍会导入。</translation>
    </message>
    <message>
        <source>注意：{w}</source>
        <translation>注意：{w}</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>打印专题图</source>
        <translation>打印专题图</translation>
    </message>
    <message>
        <source>横向</source>
        <translation>横向</translation>
    </message>
    <message>
        <source>纵向</source>
        <translation>纵向</translation>
    </message>
    <message>
        <source>默认：县名与指标名称</source>
        <translation>默认：县名与指标名称</translation>
    </message>
    <message>
        <source>乡镇图集：每个乡镇一页（PDF）</source>
        <translation>乡镇图集：每个乡镇一页（PDF）</translation>
    </message>
    <message>
        <source>指标：</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source>纸张：</source>
        <translation>纸张：</translation>
    </message>
    <message>
        <source>方向：</source>
        <translation>方向：</translation>
    </message>
    <message>
        <source>标题：</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>预览乡镇：</source>
        <translation>预览乡镇：</translation>
    </message>
    <message>
        <source>打印的是窗口中的地图：拟建设施（方案）一并印出。图上不出现姓名和身份证号，人员只以匿名点表示。</source>
        <translation>打印的是窗口中的地图：拟建设施（方案）一并印出。图上不出现姓名和身份证号，人员只以匿名点表示。</translation>
    </message>
    <message>
        <source>保存为 PDF…</source>
        <translation>保存为 PDF…</translation>
    </message>
    <message>
        <source>保存为 PNG（300 dpi）…</source>
        <translation>保存为 PNG（300 dpi）…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>正在生成预览…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>保存专题图</source>
        <translation>保存专题图</translation>
    </message>
    <message>
        <source>已写入 {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <source>正在输出专题图…</source>
        <translation>正在输出专题图…</translation>
    </message>
    <message>
        <source>无法输出专题图</source>
        <translation>无法输出专题图</translation>
    </message>
</context>
<context>
    <name>ProjectFiles</name>
    <message>
        <source>演示项目</source>
        <translation>演示项目</translation>
    </message>
    <message>
        <source>这是演示项目。请先另存为您自己的项目，再导入或修改。</source>
        <translation>这是演示项目。请先另存为您自己的项目，再导入或修改。</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>另存为</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>项目文件 (*.gpkg)</source>
        <translation>项目文件 (*.gpkg)</translation>
    </message>
    <message>
        <source>演示项目不能被覆盖；请另选一个文件名。</source>
        <translation>演示项目不能被覆盖；请另选一个文件名。</translation>
    </message>
    <message>
        <source>已另存为 {path}，以后的修改都保存在这里</source>
        <translation>已另存为 {path}，以后的修改都保存在这里</translation>
    </message>
    <message>
        <source>另存为没有完成</source>
        <translation>另存为没有完成</translation>
    </message>
    <message>
        <source>正在另存为 {name}…</source>
        <translation>正在另存为 {name}…</translation>
    </message>
    <message>
        <source>{name}（副本）</source>
        <translation>{name}（副本）</translation>
    </message>
    <message>
        <source>新建项目</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>已新建项目 {path}。</source>
        <translation>已新建项目 {path}。</translation>
    </message>
    <message>
        <source>已新建项目 {path}</source>
        <translation>已新建项目 {path}</translation>
    </message>
</context>
<context>
    <name>ProposalTool</name>
    <message>
        <source>拟建设施</source>
        <translation>拟建设施</translation>
    </message>
    <message>
        <source>移动拟建设施</source>
        <translation>移动拟建设施</translation>
    </message>
    <message>
        <source>删除拟建设施</source>
        <translation>删除拟建设施</translation>
    </message>
</context>
<context>
    <name>RecentProjects</name>
    <message>
        <source>（无）</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>ReportOutputs</name>
    <message>
        <source>导出网络地图</source>
        <translation>导出网络地图</translation>
    </message>
    <message>
        <source>网页 (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <source>网络地图已写入 {path}（离线可用，用浏览器打开）</source>
        <translation>网络地图已写入 {path}（离线可用，用浏览器打开）</translation>
    </message>
    <message>
        <source>正在导出网络地图…</source>
        <translation>正在导出网络地图…</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>打开未导入行文件</source>
        <translation>打开未导入行文件</translation>
    </message>
    <message>
        <source>详细情况：</source>
        <translation>详细情况：</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>数据已写入项目，主窗口的地图和指标随之更新。</source>
        <translation>数据已写入项目，主窗口的地图和指标随之更新。</translation>
    </message>
    <message>
        <source>没有导入任何一行</source>
        <translation>没有导入任何一行</translation>
    </message>
    <message>
        <source>项目没有改动。请打开未导入行文件查看原因，改正后再导入。</source>
        <translation>项目没有改动。请打开未导入行文件查看原因，改正后再导入。</translation>
    </message>
    <message>
        <source>{kind}：导入 {accepted} 行（新增 {added}，更新 {updated}），未导入 {rejected} 行。</source>
        <translation>{kind}：导入 {accepted} 行（新增 {added}，更新 {updated}），未导入 {rejected} 行。</translation>
    </message>
    <message>
        <source>注意：{w}</source>
        <translation>注意：{w}</translation>
    </message>
    <message>
        <source>每一行都已导入，没有提醒。</source>
        <translation>每一行都已导入，没有提醒。</translation>
    </message>
    <message>
        <source>未导入的行连同原因（以及导入时的提醒）已写入 {path}。改正后可以再次导入这个文件。</source>
        <translation>未导入的行连同原因（以及导入时的提醒）已写入 {path}。改正后可以再次导入这个文件。</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>导入</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>正在把数据写入项目。可以随时取消：取消后项目保持原样。</source>
        <translation>正在把数据写入项目。可以随时取消：取消后项目保持原样。</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>返回上一步</source>
        <translation>返回上一步</translation>
    </message>
    <message>
        <source>正在导入 {file} …</source>
        <translation>正在导入 {file} …</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>已取消导入：项目没有任何改动。</source>
        <translation>已取消导入：项目没有任何改动。</translation>
    </message>
    <message>
        <source>导入没有完成：项目没有任何改动。</source>
        <translation>导入没有完成：项目没有任何改动。</translation>
    </message>
    <message>
        <source>导入没有完成</source>
        <translation>导入没有完成</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>项目设置</source>
        <translation>项目设置</translation>
    </message>
    <message>
        <source>设置未保存</source>
        <translation>设置未保存</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <source>选择工作表</source>
        <translation>选择工作表</translation>
    </message>
    <message>
        <source>这个文件里有多个工作表（或图层），请选要导入的那一个。</source>
        <translation>这个文件里有多个工作表（或图层），请选要导入的那一个。</translation>
    </message>
</context>
<context>
    <name>ShortlistExports</name>
    <message>
        <source>康复服务半径外的村…</source>
        <translation>康复服务半径外的村…</translation>
    </message>
    <message>
        <source>未改造的困难重度残疾人家庭…</source>
        <translation>未改造的困难重度残疾人家庭…</translation>
    </message>
    <message>
        <source>逾期未走访的监测对象…</source>
        <translation>逾期未走访的监测对象…</translation>
    </message>
    <message>
        <source>无服务机构的乡镇…</source>
        <translation>无服务机构的乡镇…</translation>
    </message>
    <message>
        <source>导出清单</source>
        <translation>导出清单</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>{title}：{rows:,} 行，已写入 {path}</source>
        <translation>{title}：{rows:,} 行，已写入 {path}</translation>
    </message>
    <message>
        <source>正在导出清单…</source>
        <translation>正在导出清单…</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>SitingDialog</name>
    <message>
        <source>康复站选址</source>
        <translation>康复站选址</translation>
    </message>
    <message>
        <source>能新建几个站：新建</source>
        <translation>能新建几个站：新建</translation>
    </message>
    <message>
        <source> 个，覆盖尽量多的康复需求</source>
        <translation> 个，覆盖尽量多的康复需求</translation>
    </message>
    <message>
        <source>要达到目标：最少新建几个，使覆盖率达到</source>
        <translation>要达到目标：最少新建几个，使覆盖率达到</translation>
    </message>
    <message>
        <source>每个乡镇都要达到</source>
        <translation>每个乡镇都要达到</translation>
    </message>
    <message>
        <source>{name}所在地</source>
        <translation>{name}所在地</translation>
    </message>
    <message>
        <source>全县规则网格</source>
        <translation>全县规则网格</translation>
    </message>
    <message>
        <source> 公里间距</source>
        <translation> 公里间距</translation>
    </message>
    <message>
        <source> 公里</source>
        <translation> 公里</translation>
    </message>
    <message>
        <source> 秒</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>候选点：</source>
        <translation>候选点：</translation>
    </message>
    <message>
        <source>网格：</source>
        <translation>网格：</translation>
    </message>
    <message>
        <source>服务半径：</source>
        <translation>服务半径：</translation>
    </message>
    <message>
        <source>求解时间上限：</source>
        <translation>求解时间上限：</translation>
    </message>
    <message>
        <source>现有康复站保持不动。需求按目标文件计：有康复需求的持证残疾人，重度和监测对象加权。</source>
        <translation>现有康复站保持不动。需求按目标文件计：有康复需求的持证残疾人，重度和监测对象加权。</translation>
    </message>
    <message>
        <source>开始计算</source>
        <translation>开始计算</translation>
    </message>
    <message>
        <source>停止</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>选好问题后点“开始计算”。</source>
        <translation>选好问题后点“开始计算”。</translation>
    </message>
    <message>
        <source>顺序</source>
        <translation>顺序</translation>
    </message>
    <message>
        <source>乡镇</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>新覆盖人数</source>
        <translation>新覆盖人数</translation>
    </message>
    <message>
        <source>全县覆盖率</source>
        <translation>全县覆盖率</translation>
    </message>
    <message>
        <source>放到地图上</source>
        <translation>放到地图上</translation>
    </message>
    <message>
        <source>作为拟建康复站放到地图上，指标随之更新，可再拖动调整</source>
        <translation>作为拟建康复站放到地图上，指标随之更新，可再拖动调整</translation>
    </message>
    <message>
        <source>保存为方案…</source>
        <translation>保存为方案…</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>无法计算</source>
        <translation>无法计算</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>正在计算选址…</source>
        <translation>正在计算选址…</translation>
    </message>
    <message>
        <source>保存方案</source>
        <translation>保存方案</translation>
    </message>
    <message>
        <source>方案名称：</source>
        <translation>方案名称：</translation>
    </message>
    <message>
        <source>已保存为方案“{name}”（文件 → 打开方案）</source>
        <translation>已保存为方案“{name}”（文件 → 打开方案）</translation>
    </message>
    <message>
        <source>导出选址结果</source>
        <translation>导出选址结果</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>已写入 {xlsx} 和覆盖率曲线 {png}</source>
        <translation>已写入 {xlsx} 和覆盖率曲线 {png}</translation>
    </message>
    <message>
        <source>已停止。</source>
        <translation>已停止。</translation>
    </message>
</context>
<context>
    <name>StationProposalTool</name>
    <message>
        <source>拟建康复站</source>
        <translation>拟建康复站</translation>
    </message>
    <message>
        <source>在地图上点击，放置一个拟建康复站，即时查看服务半径覆盖率变化</source>
        <translation>在地图上点击，放置一个拟建康复站，即时查看服务半径覆盖率变化</translation>
    </message>
    <message>
        <source>拟建康复站（方案）</source>
        <translation>拟建康复站（方案）</translation>
    </message>
    <message>
        <source>服务半径外的康复需求人员</source>
        <translation>服务半径外的康复需求人员</translation>
    </message>
</context>
</TS>