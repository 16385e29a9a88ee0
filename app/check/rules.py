"""The persona check's rules: stable ids, categories and what each one is for.

Rule ids are a contract: the CLI's JSON, policy packs (``[rules]``) and the UI refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass

CATEGORIES = (
    "persona", "conduct", "disclosure", "confidential", "limit", "frequency", "duplicate",
    "privacy", "accessibility",
)

# Severities a policy pack may set; "off" turns a rule off (unless the organisation locked it).
SEVERITY_LEVELS = ("off", "info", "warn", "block")
SEVERITY_RANK = {"off": 0, "info": 1, "warn": 2, "block": 3}


@dataclass(frozen=True)
class RuleInfo:
    """One rule: its id, category, usual severity and a one-line description."""

    id: str
    category: str
    severity: str
    description: str


_RULES = (
    RuleInfo("persona.brand_promotion", "persona", "warn",
             "The employer or a partner (names, handles, domains, campaign hashtags from the "
             "policy pack) promoted from a personal account, with or without promotional "
             "language (praise alone is enough); a note (info) when the post says so openly "
             "up front ('#ad', 'I work at ...')."),
    RuleInfo("persona.promotion", "persona", "warn",
             "A sales pitch (codes, discounts, giveaways, 'link in bio', calls to buy, sign up "
             "or apply, 'our new product') headed for a personal account, whoever it is for: "
             "the employer or a partner (then beside persona.brand_promotion; a code, a "
             "discount, a call to buy or a job offer still warns with '#ad' up front, where "
             "news said openly is a note), the employer left unnamed, a side business, "
             "recruiting; and on a work account (when the pack "
             "names an employer), the user's own side business, sale or gig ('I also shoot "
             "weddings, now booking', 'my band plays Friday, tickets £8')."),
    RuleInfo("persona.personal_life", "persona", "warn",
             "Family, health, dating, drinking and partying, religion, politics or one's own "
             "side business headed for a work account."),
    RuleInfo("conduct.profanity", "conduct", "warn",
             "Swearing on a work account (block on an employer-owned account)."),
    RuleInfo("conduct.insult", "conduct", "warn",
             "Insults or hostile wording on a work account (block on an employer-owned one)."),
    RuleInfo("conduct.slur", "conduct", "block", "A slur on a work account."),
    RuleInfo("disclosure.missing", "disclosure", "block",
             "Promotion of the employer or a partner from the user's own account without an "
             "accepted disclosure (#ad, #sponsored, #employee, ...)."),
    RuleInfo("disclosure.unclear", "disclosure", "block",
             "Only vague wording (#sp, #spon, #collab, #partner, 'thanks Brand') where a "
             "disclosure is needed."),
    RuleInfo("disclosure.insider_review", "disclosure", "block",
             "A rating, review, recommendation or request for reviews of the employer's or a "
             "partner's product from staff, without the connection disclosed (FTC 16 CFR 465)."),
    RuleInfo("disclosure.buried", "disclosure", "warn",
             "The disclosure comes after the network's 'more' cut or inside a trailing cluster "
             "of hashtags."),
    RuleInfo("confidential.term", "confidential", "block",
             "A confidential term from the policy pack, on any account."),
    RuleInfo("limit.empty", "limit", "block", "An empty or blank draft."),
    RuleInfo("limit.length", "limit", "block",
             "Longer than the network allows, counted as the network counts."),
    RuleInfo("limit.bytes", "limit", "block", "More UTF-8 bytes than Bluesky allows (3,000)."),
    RuleInfo("limit.unchecked", "limit", "block",
             "A draft so long (over 100,000 characters) that only its beginning was checked; "
             "not subject to a pack's severities."),
    RuleInfo("limit.hashtags", "limit", "block", "More hashtags than the network allows."),
    RuleInfo("limit.links", "limit", "block", "More links than the network allows."),
    RuleInfo("limit.image_required", "limit", "block", "The network needs an image."),
    RuleInfo("limit.images", "limit", "block", "More images than the network allows."),
    RuleInfo("limit.image_size", "limit", "info",
             "An image file larger than the network takes: Twofold posts a smaller copy."),
    RuleInfo("limit.invalid_characters", "limit", "block",
             "Characters the network refuses (X: U+FEFF, U+FFFE, U+FFFF)."),
    RuleInfo("frequency.promotion", "frequency", "warn",
             "More promotional posts on this account than the promotion budget allows."),
    RuleInfo("frequency.quiet_hours", "frequency", "warn",
             "Posting during the quiet hours you or your organisation set (local time)."),
    RuleInfo("duplicate.same_account", "duplicate", "warn",
             "The same or nearly the same text already posted on this account recently "
             "(block on X for an exact repeat: X rejects it)."),
    RuleInfo("duplicate.other_identity", "duplicate", "warn",
             "The same text already posted from the user's other identity (it links the two)."),
    RuleInfo("privacy.phone", "privacy", "warn", "A phone number in a public post."),
    RuleInfo("privacy.email", "privacy", "warn",
             "A person's e-mail address in a public post (role addresses such as press@ on "
             "the employer's own domain are fine)."),
    RuleInfo("privacy.address", "privacy", "warn", "A street address in a public post."),
    RuleInfo("accessibility.alt_text", "accessibility", "warn",
             "An attached image without a description (alt text) for people who cannot see "
             "it."),
)

RULES: dict[str, RuleInfo] = {rule.id: rule for rule in _RULES}


def rule_category(rule_id: str) -> str:
    """The category of ``rule_id``."""
    return RULES[rule_id].category


def is_rule_selector(key: str) -> bool:
    """Whether ``key`` names a rule, a category, or every rule ("*") in a policy pack."""
    return key == "*" or key in CATEGORIES or key in RULES
