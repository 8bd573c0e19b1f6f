"""The services of the demo catalogue, grouped by the people they serve.

`SUBJECTS` maps each agency code to its default sector and a list of subjects. A subject is
`(slug, name_en, name_ar)` for one service named as it stands, or
`(slug, name_en, name_ar, actions)` for one service per action on the subject ("issue renew"
gives "Issue ..." and "Renew ..."; an empty string means the name as it stands), optionally
followed by a sector that overrides the agency's default.
"""

from .business import BUSINESS
from .citizens import CITIZENS
from .licensing import LICENSING
from .municipal import MUNICIPAL
from .social import SOCIAL

SUBJECTS: dict[str, tuple[str, list[tuple]]] = {
    **SOCIAL,
    **CITIZENS,
    **BUSINESS,
    **LICENSING,
    **MUNICIPAL,
}

# name_en and name_ar templates for each action; the subject fills `{en}` / `{ar}`.
ACTIONS: dict[str, tuple[str, str]] = {
    "issue": ("Issue {en}", "إصدار {ar}"),
    "renew": ("Renew {en}", "تجديد {ar}"),
    "replace": ("Replace lost {en}", "بدل فاقد {ar}"),
    "inquire": ("{en} inquiry", "الاستعلام عن {ar}"),
    "pay": ("Pay {en}", "دفع {ar}"),
    "apply": ("Apply for {en}", "طلب {ar}"),
    "amend": ("Amend {en}", "تعديل {ar}"),
    "cancel": ("Cancel {en}", "إلغاء {ar}"),
    "register": ("Register {en}", "تسجيل {ar}"),
    "submit": ("Submit {en}", "تقديم {ar}"),
    "track": ("Track {en}", "متابعة {ar}"),
    "print": ("Print {en}", "طباعة {ar}"),
    "book": ("Book {en}", "حجز {ar}"),
    "buy": ("Buy {en}", "شراء {ar}"),
}
