"""The shape of a written place name: capitalised words joined by articles and connectors ("Deir ez-Zor",
"Ras al-Ain"), or a run of Arabic script."""

from __future__ import annotations

import re

ARTICLE = r"(?:al|el|ad|ar|as|ash|az|ez|an|at|ath|e|ed|es|er|et)"

CAPITALISED = r"(?:(?:[A-Z]\.){2,}|[A-Z\u00c0-\u00de][\w'’]*(?:[-‑][\w'’]+)*)"

CONNECTOR = rf"(?:{ARTICLE}[-‑ ]|(?:de|del|della|la|le|du|da|das|des|do|dos|di|von|van|y|of|upon|bin|ibn) )"

NAME_RUN = re.compile(
    rf"(?<![\w-])(?:{ARTICLE}[-‑])?{CAPITALISED}(?:[ ]{CONNECTOR}?{CAPITALISED}|{CONNECTOR}{CAPITALISED})*"
    r"|[\u0600-\u06ff]+(?:[ ][\u0600-\u06ff]+)*"
)
