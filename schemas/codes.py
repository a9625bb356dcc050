"""Code lists of docs/spec.md sections 2-3 and the reference codes of docs/brief.md."""

PROVIDER_TYPES = ("GFE", "SFC", "ITP", "ACL", "HEI", "PRISON", "TSO")
REGIONS = (
    "North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands",
    "East of England", "London", "South East", "South West",
)
EMPLOYED_ROLES = ("MGR", "SNR", "TCH", "TED", "OTH")
MENTOR_TYPES = ("POOL", "SPEC", "BOTH")
CONTEXTS = ("ITT_PRE", "ITT_IN", "INDUCTION", "CPD", "PERFORMANCE", "SPECIALIST")
SELECTIONS = ("INVITED", "APPLIED", "VOLUNTEERED", "DESIGNATED", "CHOSEN_BY_MENTEE")
ARRANGEMENTS = ("REMISSION", "PAYMENT", "BOTH", "NONE")
PAYMENT_BASES = ("HOURLY", "PER_PLACEMENT", "FIXED")
STREAMS = ("ITT_ALLOCATION", "MENTOR_GRANT", "PARTNERSHIP_GRANT", "OWN", "OTHER")
PROGRAMME_TYPES = (
    "BRIEFING", "SHORT_COURSE", "ONLINE_COURSE", "BLENDED", "ACCREDITED_MODULE", "PG_CERT", "OTHER",
)
DELIVERIES = ("INTERNAL", "EXTERNAL", "PARTNERSHIP")
TRAINING_STATUSES = ("OFFERED", "ENROLLED", "COMPLETED", "WITHDRAWN", "DECLINED")
REASONS = ("TIME", "COST", "RELEVANCE", "RELEASE", "OTHER")
SPEND_CATEGORIES = ("remission", "payments", "training", "cover", "coordination", "materials", "other")

SUBJECT_AREAS = {
    1: "Health, Public Services and Care",
    2: "Science and Mathematics",
    3: "Agriculture, Horticulture and Animal Care",
    4: "Engineering and Manufacturing Technologies",
    5: "Construction, Planning and the Built Environment",
    6: "Information and Communication Technology",
    7: "Retail and Commercial Enterprise",
    8: "Leisure, Travel and Tourism",
    9: "Arts, Media and Publishing",
    10: "History, Philosophy and Theology",
    11: "Social Sciences",
    12: "Languages, Literature and Culture",
    13: "Education and Training",
    14: "Preparation for Life and Work",
    15: "Business, Administration and Law",
}

YES = ("Y", "YES", "TRUE", "1")
NO = ("N", "NO", "FALSE", "0")
