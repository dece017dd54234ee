"""Deterministic demo customers spread over the shop's markets, each with language and timezone."""

import random
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Market:
    country_code: str
    share: int  # customers out of 200
    lang: str  # an Odoo language code the company activates
    tz: str
    phone_prefix: str
    family_first: bool  # how a full name is written in this country
    given_names: tuple[str, ...]
    family_names: tuple[str, ...]
    cities: tuple[tuple[str, str], ...]  # (city, zip)
    streets: tuple[str, ...]


@dataclass(frozen=True)
class CustomerProfile:
    name: str
    email: str
    phone: str
    street: str
    city: str
    zip: str
    country_code: str
    lang: str
    tz: str


MARKETS = (
    Market("VN", 40, "vi_VN", "Asia/Ho_Chi_Minh", "+84", True,
           ("An", "Bình", "Chi", "Dũng", "Hà", "Hương", "Khánh", "Lan", "Minh", "Ngọc", "Phúc", "Quân", "Thảo",
            "Trang"),
           ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"),
           (("Hồ Chí Minh", "700000"), ("Hà Nội", "100000"), ("Đà Nẵng", "550000"), ("Cần Thơ", "900000")),
           ("Lê Lợi", "Nguyễn Huệ", "Trần Hưng Đạo", "Hai Bà Trưng", "Điện Biên Phủ")),
    Market("US", 40, "en_US", "America/New_York", "+1", False,
           ("James", "Mary", "Robert", "Linda", "Michael", "Emily", "David", "Sarah", "Daniel", "Olivia", "Ethan"),
           ("Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Garcia", "Wilson", "Taylor", "Clark"),
           (("New York", "10001"), ("Boston", "02108"), ("Philadelphia", "19107"), ("Miami", "33130"),
            ("Atlanta", "30303")),
           ("Main Street", "Oak Avenue", "Maple Drive", "Park Lane", "Elm Street")),
    Market("FR", 25, "fr_FR", "Europe/Paris", "+33", False,
           ("Camille", "Louis", "Chloé", "Hugo", "Léa", "Lucas", "Manon", "Jules", "Inès", "Théo"),
           ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand", "Leroy", "Moreau", "Laurent"),
           (("Paris", "75003"), ("Lyon", "69002"), ("Marseille", "13001"), ("Bordeaux", "33000")),
           ("rue de la Paix", "avenue Victor Hugo", "rue du Moulin", "boulevard Voltaire")),
    Market("DE", 25, "de_DE", "Europe/Berlin", "+49", False,
           ("Lukas", "Anna", "Leon", "Mia", "Felix", "Lena", "Jonas", "Lea", "Paul", "Hannah"),
           ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann"),
           (("Berlin", "10115"), ("München", "80331"), ("Hamburg", "20095"), ("Köln", "50667")),
           ("Hauptstraße", "Bahnhofstraße", "Gartenweg", "Lindenallee")),
    Market("ES", 20, "es_ES", "Europe/Madrid", "+34", False,
           ("Lucía", "Hugo", "Martina", "Mateo", "Sofía", "Pablo", "Valeria", "Álvaro", "Carmen", "Diego"),
           ("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez"),
           (("Madrid", "28013"), ("Barcelona", "08002"), ("Valencia", "46002"), ("Sevilla", "41001")),
           ("Calle Mayor", "Gran Vía", "Calle del Sol", "Avenida de la Constitución")),
    Market("GB", 20, "en_US", "Europe/London", "+44", False,
           ("Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Grace", "Charlie", "Freya"),
           ("Jones", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Hughes", "Edwards", "Green"),
           (("London", "EC1A 1BB"), ("Manchester", "M1 1AE"), ("Bristol", "BS1 4DJ"), ("Leeds", "LS1 1UR")),
           ("High Street", "Station Road", "Church Lane", "Victoria Road")),
    Market("JP", 15, "en_US", "Asia/Tokyo", "+81", True,
           ("Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Yuto", "Sakura", "Riku", "Mei"),
           ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura"),
           (("Tokyo", "100-0001"), ("Osaka", "530-0001"), ("Kyoto", "600-8001"), ("Yokohama", "220-0011")),
           ("Chuo-dori", "Sakura-dori", "Kawaramachi", "Omotesando")),
    Market("CN", 15, "zh_CN", "Asia/Shanghai", "+86", True,
           ("伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰"),
           ("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周"),
           (("上海", "200000"), ("北京", "100000"), ("广州", "510000"), ("深圳", "518000")),
           ("南京路", "长安街", "中山路", "人民路")),
)

# Latin spelling for the email's local part of names written in another script.
ROMANISED = {
    "伟": "wei", "芳": "fang", "娜": "na", "敏": "min", "静": "jing", "磊": "lei", "洋": "yang", "艳": "yan",
    "勇": "yong", "杰": "jie", "王": "wang", "李": "li", "张": "zhang", "刘": "liu", "陈": "chen", "杨": "yang",
    "黄": "huang", "赵": "zhao", "周": "zhou",
}
_SPECIAL_LETTERS = str.maketrans({"đ": "d", "ß": "ss", "æ": "ae", "ø": "o"})


def email_local_part(given: str, family: str) -> str:
    """``given.family`` in plain lowercase ASCII, e.g. ``lea.muller``."""
    def fold(word: str) -> str:
        word = unicodedata.normalize("NFKD", ROMANISED.get(word, word).lower().translate(_SPECIAL_LETTERS))
        return "".join(ch for ch in word if ch.isascii() and ch.isalnum())
    return f"{fold(given)}.{fold(family)}"


def full_name(market: Market, given: str, family: str) -> str:
    """A person's name as it is written in their country."""
    if not market.family_first:
        return f"{given} {family}"
    if market.country_code == "CN":
        return f"{family}{given}"
    return f"{family} {given}"


def customer_profiles(seed: int = 42) -> list[CustomerProfile]:
    """The demo customers (``sum(market.share)`` of them), always the same for the same seed."""
    rng = random.Random(seed)
    profiles = []
    seen_emails = set()
    for market in MARKETS:
        for _index in range(market.share):
            given = rng.choice(market.given_names)
            family = rng.choice(market.family_names)
            local = email_local_part(given, family)
            email = f"{local}@example.com"
            suffix = 2
            while email in seen_emails:
                email = f"{local}{suffix}@example.com"
                suffix += 1
            seen_emails.add(email)
            city, zip_code = rng.choice(market.cities)
            profiles.append(CustomerProfile(
                name=full_name(market, given, family),
                email=email,
                phone=f"{market.phone_prefix} {rng.randint(200, 989)} {rng.randint(100, 999)} "
                      f"{rng.randint(1000, 9999)}",
                street=f"{rng.randint(1, 180)} {rng.choice(market.streets)}",
                city=city,
                zip=zip_code,
                country_code=market.country_code,
                lang=market.lang,
                tz=market.tz,
            ))
    return profiles
