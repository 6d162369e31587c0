# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""CJK text of the assessment's PDFs comes out of them as itself.

wkhtmltopdf (Qt) writes each font's ToUnicode map from the font's own
character map, where Noto CJK draws a Kangxi radical (U+2F00–U+2FDF) or a
CJK radical supplement character (U+2E80–U+2EFF) with the same glyph as the
ideograph: 一 is copied, searched and indexed as ⼀ (U+2F00), 长 as ⻓.  The
map is plain text inside the PDF; each radical is rewritten to the ideograph
its glyph draws (both four hex digits, so no offset of the file moves)."""

import re

from odoo import models

# radical → ideograph drawn by the same glyph in Noto Sans/Serif CJK SC
# (read from the fonts' cmap tables)
RADICALS = (
    "⺂⺃⺅⺉⺋⺎⺏⺐⺒⺓⺔⺕⺖⺘⺙⺛⺞⺟⺠⺡⺣⺤⺦⺨⺫⺭⺯⺰⺱⺲⺳⺹⺺⺾⺿⻀⻁⻂⻃⻅⻆⻈⻉⻋⻌⻐⻑⻒⻓⻔⻖⻘⻙⻚⻛⻜⻝⻟⻠⻢"
    "⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻮⻯⻰⻱⻲⻳⼀⼁⼂⼃⼄⼅⼆⼇⼈⼉⼊⼋⼌⼍⼎⼏⼐⼑⼒⼓⼔⼕⼖⼗⼘⼙⼚⼛⼜⼝⼞⼟⼠⼡⼢⼣⼤⼥⼦⼧⼨⼩⼪⼫"
    "⼬⼭⼮⼯⼰⼱⼲⼳⼴⼵⼶⼷⼸⼺⼻⼼⼽⼾⼿⽀⽁⽂⽃⽄⽅⽆⽇⽈⽉⽊⽋⽌⽍⽎⽏⽐⽑⽒⽓⽔⽕⽖⽗⽘⽙⽚⽛⽜⽝⽞⽟⽠⽡⽢⽣⽤⽥⽦⽧⽨"
    "⽩⽪⽫⽬⽭⽮⽯⽰⽱⽲⽳⽴⽵⽶⽷⽸⽹⽺⽻⽼⽽⽾⽿⾀⾁⾂⾃⾄⾅⾆⾇⾈⾉⾊⾋⾌⾍⾎⾏⾐⾑⾒⾔⾕⾖⾗⾘⾙⾚⾛⾜⾝⾞⾟⾠⾡⾢⾣⾤⾥"
    "⾦⾧⾨⾩⾪⾫⾬⾭⾮⾯⾰⾱⾲⾳⾴⾵⾶⾷⾸⾹⾺⾼⾽⾾⾿⿀⿁⿂⿃⿄⿅⿆⿇⿈⿉⿊⿋⿌⿍⿎⿏⿐⿑⿒⿓⿕"
)
IDEOGRAPHS = (
    "乛乚亻刂㔾兀尣尢巳幺彑彐忄扌攵旡歺母民氵灬爫丬犭罒礻糹纟罓罒㓁耂肀艹艹艹虎衤覀见角讠贝车辶钅長镸长门阝青韦页风飞食飠饣马"
    "骨鬼鱼鸟卤麦黄黾斉齐齿竜龙龜亀龟一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸"
    "屮山巛工己巾干幺广廴廾弋弓彡彳心戈户手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶"
    "白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里"
    "金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龠"
)
RADICAL_MAP = {
    f"{ord(r):04X}".encode(): f"{ord(i):04X}".encode()
    for r, i in zip(RADICALS, IDEOGRAPHS, strict=True)
}
CMAP = re.compile(rb"begincmap(.*?)endcmap", re.S)
# destinations: bfchar "<src> <dst>", bfrange arrays "[<dst> <dst> ...]"
BFCHAR = re.compile(rb"^(<[0-9A-Fa-f]+>\s+)<([0-9A-Fa-f]{4})>\s*$", re.M)
ARRAY = re.compile(rb"\[([^\]]*)\]")
HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")
# which reports get their text fixed
REPORT_PREFIX = "oa_assessment."


def _swap(match):
    return b"<" + RADICAL_MAP.get(match.group(1).upper(), match.group(1)) + b">"


def fix_cjk_text(pdf):
    """``pdf`` with the destinations of its ToUnicode maps moved from the
    radicals to the ideographs (same length: the cross-reference stays)."""

    def cmap(match):
        body = match.group(1)
        body = BFCHAR.sub(
            lambda m: m.group(1) + _swap(HEX4.match(b"<" + m.group(2) + b">")), body
        )
        body = ARRAY.sub(lambda m: b"[" + HEX4.sub(_swap, m.group(1)) + b"]", body)
        return b"begincmap" + body + b"endcmap"

    fixed = CMAP.sub(cmap, pdf)
    return fixed if len(fixed) == len(pdf) else pdf


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _run_wkhtmltopdf(self, bodies, *args, **kwargs):
        pdf = super()._run_wkhtmltopdf(bodies, *args, **kwargs)
        report_ref = kwargs.get("report_ref") or (args[0] if args else False)
        if report_ref:
            report = self._get_report(report_ref)
            if (report.report_name or "").startswith(REPORT_PREFIX):
                pdf = fix_cjk_text(pdf)
        return pdf
