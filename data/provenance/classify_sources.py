"""Fill `class`, `copy_of` and `wire` of data/sources.csv (run from the repository root).

1. Sources the research rounds classed by hand (/work/staging/*/classes.csv and sources.csv, columns
   source_id,class,wire) keep that class.
2. Every other source is classed by the rule below, by host name and publisher, with the borderline
   sources decided one by one in HAND (reasons in the comment beside each).

Rule (codebook.md, *Source classes*):
- official: government, ministry, state agency or statistics office sites, state media of the
  Taliban administration (Bakhtar, RTA), the Taliban's own publications (Al-Emarah, Al-Somood),
  UN agencies' own pages (OCHA, UNAMA);
- sanctions: UN 1988 / consolidated list copies, government asset-freeze lists;
- research: AAN, USIP, CTC, LWJ, MEI, Crisis Group, CEP, RUSI, ISW, TAC, Atlantic Council, Janes;
- news: news agencies, newspapers, broadcasters and established news sites;
- reference: Wikipedia and faithful copies of it, Afghan Biographies, Citizendium, Britannica, Treccani,
  data transcriptions on GitHub;
- low: blogs (blogspot and the like), content farms and SEO sites, machine translations and snippet or
  search pages, mirrors whose origin is unclear, copies of news stories on such sites.
"""

import csv
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

DATA = Path(__file__).resolve().parent.parent / "data"
STAGING = Path("/work/staging")

OFFICIAL = (r"\.gov\.af$", r"alemarah\.af$", r"alsomood\.af$", r"bakhtarnews\.af$", r"^rta\.af$", r"nsia\.gov\.af",
            r"humanitarianresponse\.info$", r"reliefweb\.int$", r"ecrats\.org$")
RESEARCH = (r"talibantracker\.mei\.edu$", r"usip\.org$", r"longwarjournal\.org$", r"counterextremism\.com$",
            r"rusi\.org$", r"understandingwar\.org$", r"atlanticcouncil\.org$", r"militaryperiscope\.com$",
            r"afghanistan-analysts\.org$", r"ctc\.westpoint\.edu$", r"crisisgroup\.org$", r"janes\.com$")
REFERENCE = (r"wikipedia\.org$", r"wikimili\.com$", r"wikiwand\.com$", r"encycloreader\.org$", r"wikivisually\.com$",
             r"piglix\.com$", r"theinfolist\.com$", r"negapedia\.org$", r"citizendium\.org$", r"afghan-bios\.info$",
             r"dweb\.link$", r"wiki\.x\.io$", r"wn\.com$", r"1209k\.com$", r"ok-techbrokedad\.xyz$")
LOW = (r"blogspot\.com$", r"\.pages\.dev$", r"luke\.lol$", r"domain\.glass$", r"gzipwtf\.com$", r"\.other\.wiki$",
       r"xcv\.wiki$", r"zxc\.wiki$", r"abcdef\.wiki$", r"stringtranslate\.com$", r"perceptiofr\.com$",
       r"inamatrix\.xyz$", r"azureedge\.net$", r"deno\.dev$", r"docslib\.org$", r"scribd\.com$", r"wikide\.org$",
       r"eudic\.net$", r"liquisearch\.com$", r"gluedideas\.com$")

HAND = {
    # sanctions lists and their copies
    "un-consolidated-20181029-xml": "sanctions",            # UN list, GitHub mirror of the XML
    "etalab-2009-arrete-annexe-ii-q-z": "sanctions",        # French asset-freeze decree (EU list), GitHub copy
    # research texts reached through a copy keep the class of their author, the copy is noted in copy_of/publisher
    "tac-200901-panjpai-durranis": "research",              # Tribal Analysis Center paper (docslib copy of the PDF)
    "hrt-20120319-central-region-cp": "official",           # UN Humanitarian Regional Team plan (docslib copy)
    "isw-nd-rc-east": "research",                           # ISW page, mirror of understandingwar.org
    "cep-extremists-noor-mohammad-saqib": "research",       # Counter Extremism Project page on a staging host
    # data transcriptions
    "ktjkim-20201012-subdivision-populations": "reference", # transcription of NSIA figures (GitHub)
    "mazemi-2026-afg-meb": "reference",                     # p-codes and regions (GitHub)
    "factbookjson-20151026-af": "reference",                # CIA World Factbook text (GitHub)
    "bitlit-2010-cia-factbook": "reference",                # CIA World Factbook 2010 text on a book site
    "khorasanzameen-200610-ethnic": "low",                  # advocacy site quoting an encyclopedia
    "hazaranet-2012-national-atlas": "low",                 # community site reproducing an atlas map
    "funaf-nd-urozgan": "low", "khabarial-202003-urozgan": "low",
    "afghanpeacewatch-20200605-khost-province": "low",
    "bamyannews-2019-parwan-hazaras": "news",
    "aopnews-nd-gizab-evictions": "low",                    # summary of an 8am report on an unknown site
    # releases reposted on blogs or defence portals
    "isaf-20100614-rc-southwest": "low", "globaldefence-20100614-rc-southwest": "low",
    "defencepk-nd-tass-new-supreme-court": "low",           # forum post quoting TASS
    # news sites: established outlets
    "hindustantimes-20210908-14-blacklisted": "news", "hindustantimes-20210911-unsc-2593": "news",
    "hindustantimes-20210907-whos-who": "news", "hindustantimes-20211123-two-dozen-officials": "news",
    "afintl-20240712-61-sanctioned": "news", "gandhara-20181023-tftc-blacklist": "news",
    "asianage-20211123-27-new-members": "news", "pakobserver-20210907-hasan-akhund-lead": "news",
    "pakobserver-nd-10500-addicts": "news", "pakobserver-nd-vice-virtue-munir": "news",
    "albawaba-20210907-interim-government": "news", "dnaindia-20210907-government-formation": "news",
    "gzt-202109-gecici-hukumet": "news", "punemirror-202109-14-members-blacklist": "news",
    "republicworld-20211225-travel-ban-exemption": "news", "republicworld-20210908-17-of-33": "news",
    "republicworld-20211006-38-new": "news", "republicworld-20210922-majrooh-sacked": "news",
    "republicworld-20211024-food-crisis-plan": "news",
    "abna-2021-kabinett": "news", "freepressjournal-20210907-full-list": "news", "wprost-20210907-rzad-talibow": "news",
    "oneindia-20210908-phd-not-valuable": "news", "geo-20210824-officials-appointed": "news",
    "24urdu-20210828-abdul-baqi-haqqani": "news", "kalingatv-2021-khalil-security-chief": "news",
    "voa-2014-haqqani-rewards": "news", "app-20210907-interim-govt": "news", "newswire-20210908-caretaker": "news",
    "coffeeordie-202108-kabul-airport": "news", "gnnhd-20210907-interim-cabinet": "news",
    "dohanews-20210907-interim-government": "news", "deshdoot-20210907-caretaker-govt": "news",
    "devdiscourse-20210907-hardline-govt": "news", "urdupoint-20210907-mujahid-deputy": "news",
    "thecradle-20210921-ethnic-minorities": "news", "elmaouid-202110-38-officials": "news",
    "skynewsarabia-20210921-new-appointments": "news", "24ur-202109-turabi-executions": "news",
    "ap-20211004-appointments-all-male": "news", "catchnews-20211006-38-new": "news",
    "ariana-20211123-27-appointments": "news", "alanba-20211123-27-appointments": "news",
    "kabultimes-2022-cabinet-dams": "news", "afintl-20220625-travel-exemptions": "news",
    "afintl-20211225-shahid": "news", "afintl-20211226-mustaqim": "news", "afintl-20240714-counternarcotics-b": "news",
    "pajhwok-2021-population-1400": "news", "tolonews-2021-population-1400": "news",
    "tolonews-fa-182230-najibullah-haqqani": "news", "dhakatribune-20210916-unsc-sanction": "news",
    "kurdistan24-20210907-hardline-govt": "news", "eastcoastdaily-20210907-acting-govt": "news",
    "hama-2022-ibad-diaspora-doctors": "news", "afintl-20231118-omar-europe-tour": "news",
    "epochtimes-202311-omar-cologne": "news", "tolonews-nd-kharotai-refugees": "news",
    "avapress-20230605-kharouti-kabir": "news", "avapress-nd-jowzjan-beggars-yunus-akhundzada": "news",
    "kokchapress-20220528-kharoti-iran": "news", "nunn-20220118-khairkhwa-universities": "news",
    "afintl-20230925-khalis-switzerland": "news", "thestar-20220621-un-stops-travel-education": "news",
    "tolqun-20241203-prisons-head": "news", "1tvnews-nd-mestari-prisons": "news", "kabulnow-202409-prisons-20000": "news",
    "ariananews-20220208-sao-audits": "news", "misaqnews-201901-massoud-hekmatyar-register": "news",
    "pressklub-nd-apa-new-supreme-court": "news", "shouranews-nd-military-court": "news",
    "nabaajordan-nd-shariati-attorney-general": "news", "tolonews-20211108-43-appointments": "news",
    "alaraby-20211123-27-officials": "news", "amu-nd-11-reassignments": "news", "amu-2023-ministers-reshuffle-fa": "news",
    "reporterly-2023-governors-corps-decree": "news", "profileru-20210907-taliban-government": "news",
    "tolonews-20210908-akhundzada-lead-govt": "news", "afintl-pa-20240205-fazl-graveyard": "news",
    "dailypakistan-20210927-mujahid-mother": "news", "vanira-20220921-no-cultivation": "news",
    "iranpejvak-20220921-poppy-zero": "news", "swn-nd-counternarcotics-tag": "news", "yjc-nd-hamkar-tehran": "news",
    "yjc-nd-abdulhaq-herat-addicts": "news", "ansarpress-nd-abdulhaq-akhand-undp": "news",
    "ariananews-nd-hamkar-badghis": "news", "afintl-20240717-moi-china": "news", "iranpress-nd-hamkar-interview": "news",
    "afghannews-20240309-akhand-arlacchi": "news", "firstpost-20210908-whos-who": "news",
    "8am-nd-labor-ministry-expels-directors": "news", "parstoday-20220218-iran-envoy-rashid": "news",
    "nastoor-20240129-kabir-khost": "news", "ariananews-20250618-osmani-aid-meeting": "news",
    "azadiradio-20211005-38-officials": "news", "afghanwomennews-nd-jalal-health-reshuffle": "news",
    "didpress-20210921-oath-ceremony-cancelled": "news", "aawsat-202407-agha-central-bank": "news",
    "deeyar-nd-mohajer-farahi": "news", "prothomalo-nd-farahi-interview": "news", "tolonews-nd-nepa-aziz-rahman": "news",
    "amu-nd-nepa-aziz-rahman": "news", "frontierpost-nd-nepa-annual-report": "news",
    "sputnikarabic-20251228-mawlawi-noman": "news", "taand-20240402-tajmir-kandahar": "news",
    "amu-nd-bismillah-gdi-deputy": "news", "townhall-20210908-gitmo-detainees": "news",
    "rudabe-20241009-khairkhwa-russia": "news", "ourislam24-20211016-chief-justice": "low",
    "bayannews-20240203-drug-factories": "news", "indianarrative-202108-zakir-iran": "news",
    "wikipedia-ghazni-province": "reference", "simplewiki-cabinet-of-afghanistan": "reference",
    # low: content farms, SEO and aggregator sites, partisan blogs, copies of unclear fidelity
    "indianeconomicobserver-20210925-dreaded-cabinet": "low", "newsavenue24-202109-interim-government": "low",
    "elevennewz-202109-interim-government": "low", "millattimes-202109-full-list": "low",
    "indiandefensenews-20210908-new-govt": "low", "aroundodisha-20210821-relief-from-un": "low",
    "hwnews-202109-meet-sirajuddin-haqqani": "low", "ugara-2021-meet-newly-appointed": "low",
    "gadgetclock-20210922-full-interim": "low", "wnobserver-2021-new-government": "low",
    "dcdecides-2021-taliban-govt": "low", "ru24-2024-61-sanctioned": "low",
    "marketinsights24-2021-haqqaniya-ministers": "low", "newstrailindia-2021-haqqania-alumni": "low",
    "priyo-prothomalo-2021-afghans-poor": "low", "urdutahzeeb-20210908-acting-ministers": "low",
    "freesuntimes-2021-interim-govt": "low", "eurasia-20210930-memri-profiles": "low",
    "therealityhunt-202109-unsc-blacklist": "low", "asiannewschannel-202109-jawad": "low",
    "link4din-202111-expands-cabinet": "low", "redstate-20210908-gitmo-alumni": "low",
    "clarion-20210908-bergdahl-trade": "low", "cryer-nd-moi-afghanistan": "low",
    "techconsulting-20210924-iea-appointments": "low", "patheo24-202110-abdul-kabir": "low",
    "worldterror-202305-new-pm": "low", "nokhbah-2022-un-exemptions": "low", "strategicstudyindia-20210928-hardline-cabinet": "low",
    "satyahindi-202109-taliban-govt": "low", "indiatraveltimes-20210907-whos-who": "low",
    "morningstarjournal-20211018-designated": "low", "udaipurvocals-20251120-nooruddin-azizi": "low",
    "washingtonnewsday-20210929-atomic-chief": "low", "indyaspeak-2022-uae-airports-deal": "low",
    "ipeclub-nd-34-members": "low", "timenews-202110-military-leaders": "low", "democratsvoice-20211108-44-members": "low",
    "msfonline-202109-prominent-ministers": "low", "wikipedia-mr-badakhshan-province": "reference",
    "ecrats-2024-travel-ban-lifted": "official",
    "outremer-2023-wikipedia-mohammad-yaqoob": "reference",  # copy of an English Wikipedia article
}

#: Wire agencies named in the publisher ("Pune Mirror (PTI)", "Devdiscourse (ANI)", "(AP)", ...).
WIRES = {"PTI": "PTI", "ANI": "ANI", "AP": "AP", "Reuters": "Reuters", "AFP": "AFP", "Sputnik": "Sputnik",
         "TASS": "TASS", "Xinhua": "Xinhua", "Anadolu": "Anadolu", "APA": "APA"}
#: Copies whose original is itself in sources.csv.
COPY_OF = {
    "ru24-2024-61-sanctioned": "afintl-20240712-61-sanctioned",        # reprint
    "asiannewschannel-202109-jawad": "hindustantimes-20210909-deputy-intel",  # HT text
    "wikivisually-abdul-haq-wasiq": "wikipedia-abdul-haq-wasiq",        # Wikipedia copy
    "piglix-nd-abdul-ghani-baradar": "wn-nd-abdul-ghani-baradar",       # the same Wikipedia text (notes, S02)
    "piglix-nd-mohammad-fazl": "wikipedia-mohammad-fazl",               # Wikipedia copy
    "topicsexpress-nd-fazl": "aan-2014-guantanamo-five",                # repost of the AAN text
    "thehawk-20251008-muttaqi-rise": "mfa-nd-biography-fm",             # IANS text copying the MoFA biography
    "geekybar-202109-efe-rest-of-government": "continental-202109-efe-sin-mujeres",  # the same EFE story
    "mdtujn-201904-hazarajat": "piglix-nd-hazarajat",                   # two copies of one Wikipedia article
}


def rule(host):
    for cls, pats in (("official", OFFICIAL), ("research", RESEARCH), ("reference", REFERENCE), ("low", LOW)):
        if any(re.search(p, host) for p in pats):
            return cls
    return None


def main():
    staged = {}
    for d in sorted(STAGING.glob("*")):
        for f in ("classes.csv", "sources.csv"):
            p = d / f
            if p.is_file():
                for r in csv.DictReader(open(p, encoding="utf-8")):
                    if r.get("class"):
                        staged[r["source_id"]] = (r["class"], (r.get("wire") or "").strip())
    path = DATA / "sources.csv"
    rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
    missing = []
    for r in rows:
        sid = r["source_id"]
        host = urlparse(r["url"]).netloc.lower()
        wire = ""
        if sid in staged:
            cls, wire = staged[sid]
        elif sid in HAND:
            cls = HAND[sid]
        else:
            cls = rule(host)
        if not wire:
            m = re.search(r"\(([^)]*)\)", r["publisher"])
            for w in WIRES:
                if m and re.search(rf"\b{w}\b", m.group(1)):
                    wire = WIRES[w]
        if cls is None:
            missing.append((sid, host, r["publisher"]))
            continue
        r["class"], r["wire"] = cls, wire
        r["copy_of"] = COPY_OF.get(sid) or r.get("copy_of", "")
    if missing:
        sys.exit("unclassified: " + "\n".join(map(str, missing)))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
