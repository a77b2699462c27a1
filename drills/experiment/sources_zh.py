"""The model's cited defaults and the method, in Chinese, for the Chinese report.

The English report quotes the docstrings of the model modules (their sources and numbers) and of the
exercise and scorecard modules (the method). The Chinese report quotes these paragraphs instead: the same
numbers, the same sources and the same provenance tags ([V] [K] [E] [P]); titles of foreign papers stay
in their own language, in quotation marks. A test checks that every year and number a docstring cites is
here too, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

SOURCES_ZH: dict[str, str] = {
    "drills.model.movement": """步行、涉水、攀爬与人流：各巷道的通行速度与通过能力。

来源：

* 矿工在水平干燥巷道中的自由步行速度 **1.2 m/s**：取 SFPE 水力模型走廊人群速度公式（k = 1.40 m/s，
  a = 0.266）在自由步行临界密度 0.54 人/m² 时的值：1.40·(1 − 0.266·0.54) = 1.20 m/s（“SFPE Handbook of
  Fire Protection Engineering”第 5 版第 64 章，Gwynne & Rosenbaum）。该值适用于在平坦、干燥、有照明的通道中
  不受阻碍行走的健康成年人，即戴矿灯行走在干燥巷道中的矿工；它不是井下实测值。NIOSH 曾测量井下逃生速度
  （Kovac, Kravitz & Rehak，“The Oxygen Cost of a Mine Escape”，ISRP 1999），但本项目未能获得其数据；矿山应以
  本矿演练计时替换此值。烟雾、低矮采场和积水处更慢（涉水见下；烟雾和爬行未建模）。
* 个体自由速度的离散：变异系数 **0.19**（Weidmann 1993，“Transporttechnik der Fussgänger”，ETH IVT
  Schriftenreihe 90：均值 1.34 m/s，标准差 0.26 m/s）。
* 人群速度：SFPE 水力模型 S = k·(1 − a·D)，走廊 k = 1.40 m/s，a = 0.266 m²/人，密度低于 D = 0.54 人/m²
  时自由步行（SFPE Handbook 第 64 章）。速度下限取自由速度的 0.1，使堵塞的巷道仍能疏通（项目选择，已说明）。
* 通过能力：SFPE 最大比流量 **1.3 人/(s·m)** 有效宽度；有效宽度 = 宽度 − 2 × 0.2 m 边界层（SFPE Handbook
  第 64 章，走廊边界层 200 mm）。
* 坡度：Tobler 徒步函数，速度 ∝ exp(−3.5·|s + 0.05|)，平地归一为 1（Tobler 1993，“Three presentations on
  geographical analysis and modeling”，NCGIA TR 93-1）。
* 静水中涉水：男性在 0.35 m 水深时速度降低 38.6 %（Li, Song, Zhang & Bode，Acta Polytechnica CTU Proc. 57
  (2026) 226），0.9 m 时约为正常速度的 50 %（Dias et al. 2021，卡塔尔大学涉水试验）；浑水、黑暗或穿工作靴时
  再降低 30–50 %（Mizuno & Nihei，IAHR-APD 2016）：取较小的 30 %，并在前 0.35 m 水深内线性计入，使地面
  潮湿时速度不会骤减一半（项目选择，已说明）。斜巷只计水面以下的长度，水深取其低端水深的一半。
* 0.6 m 水深中通过瓶颈的人流减少 ΔJ = 0.60·b − 0.04 人/s（97 名受试者的瓶颈试验：Li, Yu, Xu, Ren, Song &
  Zhang，“A comparative study on pedestrian flow through bottlenecks between flood evacuation and land
  evacuation”，Int. J. Disaster Risk Reduction (2023) 103822，doi:10.1016/j.ijdrr.2023.103822；数值取自
  摘要）；在 0.6 m 以内按水深线性折算（项目选择，已说明）。
* 攀爬梯子：垂直速度 **0.105 m/s**，取佩戴自救器约 29 min 上升 162–204 m 的中值（彭然 2022，中国煤炭）。
  梯子上攀爬者间距 **2 m**（项目选择：每 2 m 梯子一人），故梯子间通过能力为 0.105/2 人/s。
* 水深超过 **1.2 m** 时巷道无法步行通过：超过该水深即进入 ARR/AIDR 危险等级 H4“对人不安全”（Smith et al.
  2014；AIDR Guideline 7-3，2017）。
""",
    "drills.model.hoist": """罐笼提升：由深度、速度和加速度计算的提升时间，以及作为 SimPy 进程的罐笼。

来源。以下规定为**煤矿规定，因缺少金属矿山的数值而借用**：本项目核查的来源仅对煤矿给出这些数值。金属
非金属矿山的规定 GB 16423-2020《金属非金属矿山安全规程》未就此核查；金属矿山应对照该规程确认（其场所文件
可设置更低的罐笼速度、本矿的加速度和信号时间）。

* 升降人员时罐笼最大速度 v ≤ 0.5·√H m/s 且 ≤ 12 m/s，H 为提升高度；升降人员时加、减速度 ≤ 0.75 m/s²
  （《煤矿安全规程》立井升降人员有关条款 [K]；煤矿规定）。
* 装卸人员的停罐时间：5 人以内 20 s，每增加 1 人增加 1 s；双层罐笼为单层时间的两倍加 6 s（GB 50215
  《煤炭工业矿井设计规范》§8.1.3 [V，副本见 m.jianbiaoku.com/webarbs/book/97/61358.shtml]；煤矿设计规范）。
  装载站和井口卸载各计一次停罐时间。
* 每次提升前的信号时间：10 s [E]：项目作者所知的通常 10–20 s，并非公开发表的数值；取其下限，这对预案
  有利——矿山应使用本矿计时。

罐笼按预案规定的优先顺序服务各车场，否则服务首位乘罐者等待最久的车场；跳过被淹车场，无电时停止。
把钩工将车场等候人员按最少趟数平均分批（:func:`load_size`）：每批无论人数多少都计 20 s 停罐时间，
最后一趟几乎空载会浪费时间，而平均分批保证罐笼越大不会越慢。
""",
    "drills.model.behaviour": """井下人员反应的默认值及其依据状况。

未找到矿工对撤离命令反应时间的公开分布。对 48 名矿井火灾逃生矿工的访谈说明了其重要性：人们起初对问题
认识不足，其判断取决于预警的措辞（Brnich, Kowalski-Trakofler, Mallett, Vaught, Wiehagen & Cole，NIOSH
匹兹堡研究实验室，“Philosophy of Mine Escape”，“Mine Escape Planning and Emergency Shelters Workshop”，
2006 [V，演示幻灯片]）。因此以下默认值是**本项目自己的假设** [E]，作为起点，矿山应以本矿演练记录替换：

* 矿工收到命令后的反应延迟：对数正态，中位数 **90 s**，第 95 百分位 **600 s**——停机、集合班组、佩戴
  自救器（项目假设）。
* 班组传话（收到预警的矿工告知同一作业地点的班组）：对数正态，中位数 **30 s**，第 95 百分位 **120 s**
  （项目假设）。
* 看到底板积水即为所在地人员的预警：水深 **0.05 m**（项目假设，即底板明显潮湿的水深，同
  :data:`drills.model.movement.WET_DEPTH_M`）。
""",
    "drills.model.inrush": """突水：井巷从最低处起逐步充水、漫溢。

一种适合大量重复计算的简化网络模型，参照从突水点出发、按广度优先逐时步充填巷道网络的方法（“Mine Water
Inrush Propagation Modeling and Evacuation Route Optimization”，北京工业大学，Eng. Proc. 120(1):40，
2025，2026 年出版，doi:10.3390/engproc2025120040 [V 摘要]）；选用它而非完整的一维管流模型是项目的选择
[E]。它把被淹井巷视为一个水平水池：从水源注入的水流向所能到达的最低处，水位随之上升；水位达到门槛高程后
漫入相邻区域。

分两步计算：

1. :func:`build_geometry`（每个场所和水源一次）：每个节点的“漫溢高程”——水池到达该节点的最低水位（在网络上
   做极小极大“priority-flood”）——以及每一高程以下的储水体积 V(z)，由各巷道的长、宽、高和各节点的空间
   （采场、水仓）求得。
2. :func:`water_timeline`（每次重复一次）：涌水过程线乘以该次重复的系数、减去排水量，积分为累计水量；
   由 V(z) 反求得到随时间变化的水位。

简化之处（已说明）：水面水平（不计沿巷道的水头推进时间；与数十分钟淹没一个水平相比只有数秒至数分钟）；
水源以下各处低洼同时充水；演练期间水位不回落（排水能力远小于突水：2007 年华源事故恢复期间 4 台水泵排水
660 m³/h，媒体报道 [V]，而涌水量为 24,000 m³/h，浙江在线 2007-08-18 报道的国家安全生产监督管理总局数据
[V]）。巷道水深按其低端计算。
""",
    "drills.model.residents": """下游居民：步行速度、离家所需时间、不撤离的人。

移动类型：

* **成年人**步行速度 **1.34 m/s**，变异系数 0.19（Weidmann 1993，ETH IVT 90：自由步行速度均值 1.34 m/s，
  标准差 0.26 m/s）。
* **老年人** **0.91 m/s**，即 MUTCD 在行动较慢行人经常过街处采用的 3 ft/s（FHWA MUTCD 2009 §4E.06 [K]）；
  随家人撤离的**儿童** **1.07 m/s**，即 LifeSim 引用的 MUTCD 随意步行速度 3.5 ft/s（TRM 第 7 章 [V]）。
* **需搀扶者**（不能独立行走、由他人协助）：**0.5 m/s**——项目自己的假设，未找到来源。
* 步行者不会进入的水深：成年人 **1.2 m**（AIDR 7-3 危险等级 H4，对人不安全），儿童、老年人和需搀扶者
  **0.5 m**（H3，自 0.5 m 起对儿童和老人不安全；Smith et al. 2014 [K]）。

预警响应（USACE HEC-LifeSim 2 技术参考手册 v1.0，“LifeSim TRM”）：

* 从收到预警到离家的动员延迟：对数正态，中位数 **10 min**，第 95 百分位 **45 min**——项目假设，以 1987 年
  宾夕法尼亚州 Confluence 为依据：入户通知和广播预警使 986 名居民约在 45 min 内撤出（Rogers & Sorensen
  1989，见 LifeSim TRM 附录 C [V]）。LifeSim 自身的 PAI 曲线只有图形，未数字化。
* 对预警始终不采取行动者的比例：**10 %**，取 LifeSim“通常 5–20 %”的中值（TRM 第 6 章 [V；措辞有歧义]）。
* 口头相传：收到预警的住户在对数正态延迟（中位数 **5 min**，第 95 百分位 **20 min**）后告知同一地点的
  **2** 户——非正式传播过程的项目假设（JASSS 26(1):7，2023，仅取其结构 [V]；洪水中首个预警来自非正式
  途径的比例为 24–78 %，TRM 附录 C 表 23 [V]）。

下游的公共预警渠道（:mod:`drills.model.warning` 的默认值）：

* 警报器可听度：对 110 台警报器的白天测试中，**76.5 %** 的受访者听到（宾夕法尼亚州 Nanticoke，Sorensen
  1992，见 LifeSim TRM 附录 C [V]）；夜间在室内为 **45 %**，启动后时间常数约 **2 min** [E]。警报周期为
  60 s 时，2 min 的时间常数意味着每个周期听到的概率为 1 − e^(−1/2) = 0.39。
* 村村响广播：在可听范围内 0.6–0.9 [E]；取白天 0.75，夜间 0.5。
* 暴雨掩盖室外声音：可听度 × 0.7，中雨 × 0.85（项目假设 [E]）。
* 小区广播／短信：2–5 min 内送达 0.85–0.95 的手机 [E]：送达时间对数正态，中位数 2 min，第 95 百分位
  5 min；白天 **90 %**、夜间 **50 %** 的人会注意到（睡眠时关机或未听到，项目假设 [E]）。
* 入户通知：每个小组每户 **1–3 min** [E]，与上述 Confluence 1987 相符：三角分布 60 / 120 / 180 s；小组
  步行速度 1.34 m/s（Weidmann 1993，同成年人）。
* 广播车：沿路线行驶 **15–25 km/h**，可听范围内被听到的概率 **0.6–0.8** [E]：取 20 km/h，200 m 内 0.7。
* 电话逐级通知：每次通话 30–120 s（三角分布，众数 60 s）[E]；按预案规定的白天或夜间概率接听（默认
  0.9 / 0.7，项目假设 [E]）。
""",
    "drills.model.traffic": """下游道路上的车辆：各等级道路的自由流速度、阻塞密度和通行能力。

来源：HEC-LifeSim 2 技术参考手册 v1.0（USACE 风险管理中心；“TRM”）第 7 章表 15 道路默认值——车道数 /
自由流速度 / 阻塞密度：州公路 2 / 55 mph / 160 辆/英里/车道；次要道路 2 / 45 mph；地方道路 1 / 35 mph；
四驱便道 1 / 25 mph；走走停停速度各处均为 4 mph [V]。速度随密度线性下降（Greenshields），因此每车道通行
能力为自由速度 × 阻塞密度 / 4（推导值；在拐点以下与 LifeSim 的拐点形式接近）。乘车撤离的住户按一辆车计。
车辆不会驶入深于 **0.35 m** 的积水，即 LifeSim 低底盘车辆“驶入积水道路意愿”的均值（TRM 第 7 章表 20 [V]）。
""",
    "drills.model.dam_break": """尾矿坝溃决：泥流何时到达坝下各处，水深多少，流速多快。

:class:`DamBreakFlood` 提供与矿井水模型 :class:`~drills.model.inrush.WaterTimeline` 相同的水深查询
（link_depth、node_depth、link_time_depth、node_time_depth；自情景开始的秒数，inf 表示从未到达），另有供
致死率规则（:mod:`drills.model.lethality`）使用的 node_velocity 和 node_peak。它或由编制人员提供的水力
计算成果建立（:meth:`DamBreakFlood.from_table`，由 :mod:`drills.inputs.hydraulic_study` 读入），或由下述
筛查估算建立（:meth:`DamBreakFlood.from_estimate`）。有水力计算成果时总是优先采用；估算只是为了在尚无
成果时也能演练，其中每个常数都有标注。

来源标注：[V] 读过所列来源的副本，[K] 来自所列文献、为项目作者所知但未在原文中复核的数值，[E] 项目自己的选择。

下泄体积与最大流动距离：

* Rico et al. 2008，J. Hazard. Mater. 154:79–87，28 个案例：V_F = 0.354·V_T^1.01，D_max = 14.45·H_f^0.76，
  坝体因子 H_f = H·(V_F/V_T)·V_F；H 以 m 计，体积以 Mm³ 计，D_max 以 km 计 [K]——系数为项目作者所记，未在
  原文中核对。D_max 的拟合较松（论文摘要所述 r² = 0.57，读过副本，而 V_F 为 0.86 [K]）且偏长：40 m、
  3 Mm³ 的尾矿库为 115 km。
* Concha Larrauri & Lall 2018，Environments 5(2):28：log V_F = −0.477 + 0.954·log V_T，log D_max = 0.484
  + 0.545·log H_f [K 系数]——可选 relation="larrauri_lall2018"（同一尾矿库为 12 km；读过标题和摘要 [V]，
  系数未与原文核对）。论文的要点——使用完整的条件不确定性分布而非点拟合——未实现：项目没有其离散程度。

前锋速度 v(x) = max(v0 / (1 + x/L), v_min)（带下限的双曲衰减），精确积分：到达下限前 t(x) = x/v0 +
x²/(2·v0·L)，之后按 v_min：

* v0 = **35 m/s** [E，标定]：配合下述 L，前锋 13.0 s 行进 413 m，即 Brumadinho B1 视频数据（13 s 413 m
  ≈ 114 km/h；Estado de Minas，2019 年 7 月 12 日 [V]）。
* L = **2 km** [E]：0.5 km 处速度 28 m/s，2 km 处 17.5 m/s，符合项目的经验规则“前 0.5–2 km 为 10–30 m/s，
  之后衰减”（项目对 Brumadinho 数据的解读 [E]，并非公开规则）；约 1.2 km 处降至 80 km/h（Brumadinho 消防
  部门所说“最高 80 km/h”，R7/Folha 2019 [V]）。
* v_min = **1.6 km/h**（0.44 m/s）：2015 年 Fundão 事故沿 Rio Doce 600 km 的平均速度（16 天，Al Jazeera
  2016 [V]）。有此下限，模型走完这 600 km 需 13.6 天。
* 粗略校核（非拟合）：1959 年 Malpasset（水坝，[K]）约 20 min 到达约 10–12 km 外的 Fréjus——模型在 11 km
  处为 19.6 min；Bento Rodrigues“在八分钟内”被冲毁（仅读标题，[V]）——模型在 6 km 处为 7 min。

峰值水深 [E]：淹没面积按 Ghahramani et al. 2020（NHESS 20:3425）A = c·V_F^(2/3) [V 形式；未取得 c]。取
**c = 60** [E]，介于火山泥流（200，Iverson et al. 1998）与非火山泥石流（20，Griswold & Iverson 2008）系数
[K] 之间，即该论文摘要对尾矿流的定位（“比火山泥流流动性差，但比非火山泥石流流动性强”）。平均水深为
V_F/A = V_F^(1/3)/c，谷底水深从坝址处的平均水深两倍线性减至最大流动距离处为零——这一形状使宽度为
A/D_max 的等宽河谷容纳体积 V_F（项目选择）。峰值流速取前锋速度（干河床溃坝解中前锋随流体运动；Ritter
1892 [K]）[E]。

不在谷底的地点 [E]：距离为从坝址节点沿场所线路的最短路径（按线路长度的 Dijkstra 算法）。某地的水深为河谷
水深减去该地高出其路线最低点的高度（或编制人员给出的高出谷底的实测高度）；泥流不经过它无法到达的地点
（因此不会越过场所道路所翻越的山梁）。该处流速按（水深 / 河谷水深）^(2/3) 折算，即坡度和糙率相同时的
Manning 公式 [K]。超出最大流动距离或无法到达的地点从不被淹。

上涨 [E]：水深和流速从到达时起在 rise_s 内线性升至峰值，默认 **60 s**——尾矿流以陡峭前锋到达（Brumadinho
视频），项目未找到公开的上涨时间。与矿井水模型一样，演练期间水深不回落。
""",
    "drills.model.lethality": """被泥流困住者的死亡：由水深 × 流速和所处位置得出死亡率，再对每人抽样。

来源标注：[V] 读过所列来源的副本，[K] 来自所列文献、为项目作者所知但未在原文中复核的数值，[E] 项目自己的选择。

采用的已发表关系：

* Jonkman 死亡率函数（Jonkman 2007，代尔夫特理工大学博士论文；Jonkman et al. 2008）[K]：溃口区在
  h·v ≥ 7 m²/s 且 v ≥ 2 m/s 时 F = 1（与 USACE go-consequences 中 RESCDAM 砖石房屋倒塌规则的 7 m²/s 和
  2 m/s 相同 [V]）；快速上涨区 F = Φ((ln h − 1.46)/0.28)；其他区域 F = Φ((ln h − 7.60)/2.75)，h 以 m 计，
  Φ 为标准正态分布函数。
* h·v ≈ 0.6 m²/s 起人会被冲倒（Jonkman & Penning-Rowsell 2008，JAWRA 44(5)；RESCDAM 试验，Karvonen et al.
  2000，0.6–1.2 m²/s）[K]。
* ARR/AIDR 危险等级（Smith, Davey & Cox 2014，新南威尔士大学水研究实验室技术报告 2014/07；AIDR Guideline
  7-3，2017）[K]，界限：H1 DV ≤ 0.3，D ≤ 0.3，V ≤ 2.0（一般安全）；H2 DV ≤ 0.6，D ≤ 0.5（对小型车辆不安全）；
  H3 DV ≤ 0.6，D ≤ 1.2（对车辆、儿童、老人不安全）；H4 DV ≤ 1.0，D ≤ 2.0（对人不安全）；H5 DV ≤ 4.0，
  D ≤ 4.0，V ≤ 4.0；H6 超出以上。
* LIFESim 分区死亡率均值（McClelland & Bowles 2002，IWR 02-R-3；Aboelata & Bowles 2005/2008）[K]：偶然区
  0.9123，受损区 0.1236，安全区 0.0002。
* 房屋倒塌，按 USACE go-consequences lifeloss/stability.go 中实现的 RESCDAM 规则 [V]：无锚固木结构
  DV ≥ 3.0 m²/s；有锚固木结构 DV ≥ 7.0 m²/s；砖石／混凝土 DV ≥ 7.0 m²/s 且 V ≥ 2.0 m/s。
* 低底盘车辆稳定性，HEC-LifeSim 2 技术参考手册 v1.0（USACE 风险管理中心；“LifeSim TRM”）第 7 章表 17
  最佳估计 [V]：D 1.2 m，V 4.5 m/s，DV 0.8 m²/s；小汽车约 0.45 m 起漂浮（TRM 第 7 章）[V]。
* 抽样：每组一个死亡率，再对每人做伯努利抽样（LifeSim TRM 第 12 章）[V]。

组合方式 [E]——死亡率取溺亡项与致灾机制项中的较大者，因此不会随水深或流速增大而下降：

* 溺亡：按 Jonkman 快速上涨函数计算（尾矿流总是快速上涨；rapidly_rising=False 则对缓慢河流洪水采用
  “其他区域”函数），溃口区内所有人 F = 1；
* 致灾机制，按所处位置：

  - 室外（in_open，步行）：H1–H2 安全区；H3 受损区；H4 及以上，或被冲倒（h·v ≥ 0.6），偶然区；
  - 车内（in_vehicle）：失稳（D ≥ 1.2 或 V ≥ 4.5 或 DV ≥ 0.8）偶然区；漂浮（D ≥ 0.45）受损区；否则安全区；
  - 家中底层（in_building）：房屋倒塌为偶然区，否则安全区；
  - 楼上避险（upper_floor，别名 sheltered）：同 in_building，但溺亡水深从上一层楼面算起，层高 **3.0 m**
    [E]（农村住房的典型层高）。

因此在任何水深和流速下，upper_floor ≤ in_building ≤ in_open。分区死亡率取 LIFESim 均值；未取得其离散
程度，故每组死亡率即为均值（暂不对每组的死亡率抽样）。因项目没有相应数据而未采用的：AIDR 对 H2–H4 的流速界限。
""",
    "drills.model.warning": """以 SimPy 进程模拟的预警渠道。

每个渠道作用于“人员组”（一个班组、一户人家）：找出它能覆盖的人员组，并通过 :meth:`Drill.warn_party`
向其发出预警。井下渠道（井下广播、矿灯寻呼、漏泄通信、车场电话、派人通知）的接收参数——信息被听到的
概率、重复间隔、通话时间——取自预案；上方参数表列出了所用数值。
""",
    "drills.model.decision": """决策链：监测的触发条件 → 值班岗位 → 预警等级 → 预案行动。

每个触发条件在由灾害计算出的时间满足，经发现延迟后被知晓，并交给其负责岗位。负责人不在岗时，由第一个
在岗的替补经交接延迟后接替；岗位经决策延迟后作出决定。自动触发条件不经人员，立即启动其等级的行动。
行动按预案 after 列表允许的顺序执行；由其他岗位负责的行动须等待该岗位自己作出决定。
""",
    "drills.experiment.exercise": """演练：同一演练的多次重复，在本进程、本机进程池或 Dask 集群上运行。

第 r 次重复总是使用以 (seed, r) 为键的随机数流（见 :func:`drills.model.drill.stream`），结果按重复顺序返回，
因此无论工作进程多少、在本机还是在集群上，结果都相同。

在 Dask 集群上（各命令的 --cluster 选项），每次演练把演练模型发送给每个工作节点一次，重复分批在那里运行，
结果按顺序收回。每个工作节点必须运行相同版本的 drill（连接时检查），否则同一种子可能给出不同结果。
""",
    "drills.experiment.scorecard": """评分表：各次重复中测得的预警、撤离和提升指标。

每项指标在每次重复中计算，再对各次重复汇总为均值及其 95 % 置信区间（对各次重复的值用 Student t 分布）和
第 5／50／95 百分位。某一时间从未达到的重复（有人始终未收到预警、有人始终未到达安全地点）计为“未达到”；
这些重复单独计数、不计入均值，并使其以上的百分位为无穷大——因此不达标的尾部就显示为不达标。同样，有人
被水困住或留在水的去路上的重复，其最小安全裕度为 −∞（“并非全部安全”），使低百分位下降。有未达到的重复时，
均值只针对其余重复，终端和报告对此均有标记（:func:`mean_is_partial`）。

何为收到预警、处于风险、到达安全，统一在 :mod:`drills.experiment.readings` 中定义，此处与评级时的用法
相同（见 :func:`_group_metrics`）。
""",
}
