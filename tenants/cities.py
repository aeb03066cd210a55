"""Known Saudi cities and their region, so `--city Jeddah` is enough to know the region."""

from tenants.choices import Region

CITY_REGIONS: dict[str, str] = {
    "riyadh": Region.RIYADH,
    "kharj": Region.RIYADH,
    "al kharj": Region.RIYADH,
    "jeddah": Region.MAKKAH,
    "makkah": Region.MAKKAH,
    "mecca": Region.MAKKAH,
    "taif": Region.MAKKAH,
    "rabigh": Region.MAKKAH,
    "madinah": Region.MADINAH,
    "medina": Region.MADINAH,
    "yanbu": Region.MADINAH,
    "dammam": Region.EASTERN,
    "khobar": Region.EASTERN,
    "al khobar": Region.EASTERN,
    "dhahran": Region.EASTERN,
    "jubail": Region.EASTERN,
    "qatif": Region.EASTERN,
    "hofuf": Region.EASTERN,
    "al ahsa": Region.EASTERN,
    "buraidah": Region.QASSIM,
    "unaizah": Region.QASSIM,
    "abha": Region.ASIR,
    "khamis mushait": Region.ASIR,
    "tabuk": Region.TABUK,
    "hail": Region.HAIL,
    "arar": Region.NORTHERN_BORDERS,
    "jazan": Region.JAZAN,
    "najran": Region.NAJRAN,
    "al bahah": Region.BAHA,
    "sakaka": Region.JOUF,
}


def region_for_city(city: str) -> str | None:
    return CITY_REGIONS.get(" ".join(city.lower().split()))
