"""Every rule id psychoed reports under, in one list: what it means, an example and the fix.

`checks.RULES` (the ids program.yml's `rules:` may set) and the handbook's page of checks are
made from this list, and tests/test_rules.py fails when the code reports under an id that is
not here. The examples are messages as `psychoed check` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    severity: (
        str  # "error", "warning" or "info" (said, never failing): the level before program.yml's `rules:` changes it
    )
    meaning: str  # what it holds every lesson and track to, in one line
    example: str  # a message under this rule, as printed
    fix: str  # what to do about it
    settable: bool = True  # program.yml's `rules:` may turn it to warning or off


ALL: tuple[Rule, ...] = (
    Rule(
        "qr-no-site-url",
        "info",
        "handouts print a QR code of their lesson's address when mkdocs.yml sets `site_url`",
        "mkdocs.yml: info: the handouts print no QR code of their lesson's address, because mkdocs.yml has no "
        "`site_url` (set `site_url:` to the participant site's address, e.g. https://example.org/lessons/)",
        "set `site_url:` in mkdocs.yml to the address the participant site is published at",
    ),
    Rule(
        "schema",
        "error",
        "files, fields and references between them are well formed",
        "curriculum/tracks/core-12-week.yml:14: error: unknown module 'rp-craving' (did you mean 'rp-cravings'?)",
        "correct the key, value or name the message points at; the hint says what is expected",
    ),
    Rule(
        "session-minutes",
        "error",
        "each session's agenda adds up to `session_minutes`",
        "curriculum/tracks/evening-iop.yml:12: error: session 2 ('Cravings') adds up to 190 minutes, more than the "
        "180 of "
        "`session_minutes` (shorten or move an agenda item by 10 minutes)",
        "change the minutes of an agenda item, or `session_minutes`",
    ),
    Rule(
        "schedule",
        "error",
        "the sessions cover weeks 1 to `weeks`, none beyond, at most `sessions_per_week` a week",
        "curriculum/tracks/evening-iop.yml:30: error: session 7 is in week 4, but the track has 3 weeks "
        "(use a week from 1 to 3, or raise `weeks`)",
        "move the session to another week, or change `weeks` or `sessions_per_week`",
    ),
    Rule(
        "asam-hours",
        "error",
        "every week's clinical hours (breaks left out) fit the ASAM level of care",
        "curriculum/tracks/core-12-week.yml:9: error: week 1 has 8.5 clinical hours (breaks not counted): 0.5 hours "
        "short "
        "of the 9 hours a week asam-2.1 needs for adults (add sessions or clinical minutes to that week, or choose "
        "another "
        "`level_of_care`)",
        "add clinical minutes to the week, or choose the `level_of_care` the track really is",
    ),
    Rule(
        "audience",
        "error",
        "a track teaches only lessons written for its audience",
        "curriculum/tracks/family-6-week.yml:20: error: 'rp-cravings' is written for participants, but this track is "
        "for "
        "families (choose a lesson whose `audience` includes family, ...)",
        "choose another lesson, or add the track's audience to the lesson's `audience` if it fits them",
    ),
    Rule(
        "prerequisites",
        "error",
        "every prerequisite is taught earlier in the same track",
        "curriculum/tracks/core-12-week.yml:40: error: 'cbt-thought-records' comes before its prerequisite "
        "'cbt-thoughts-feelings-actions' (line 52) (move 'cbt-thoughts-feelings-actions' to an earlier session)",
        "teach the prerequisite in an earlier session, or take it out of the lesson's `prerequisites`",
    ),
    Rule(
        "safety-coverage",
        "error",
        "the safety lessons come in week 1 and within every repeat interval (family tracks: weeks 1-2)",
        "curriculum/tracks/evening-iop.yml:1: error: the track evening-iop does not teach the safety lesson "
        "'addiction-withdrawal-safety' in week 1 (add it to week 1: someone who joins that week needs it now)",
        "put the safety lesson into week 1 and again within every `repeat_weeks` (program.yml's `safety:`)",
    ),
    Rule(
        "orientation-coverage",
        "error",
        "the program's orientation lessons (program.yml `orientation:`) come in week 1 and within every repeat "
        "interval",
        "curriculum/tracks/evening-iop.yml:1: error: the track evening-iop leaves weeks 2-5 without the orientation "
        "lesson 'orientation-program-rules' (someone who joins in week 2 waits 4 weeks for it, until week 6; "
        "`repeat_weeks: 4` allows a wait of at most 3 weeks: teach it again by week 5)",
        "put the orientation lesson into week 1 and again within every `repeat_weeks` (program.yml's `safety:`)",
    ),
    Rule(
        "reading-level",
        "error",
        "participant text is at or under the reading-level limits of its language (program.yml's "
        "`reading_level: {en: {max_grade, max_smog}, es: {min_fernandez_huerta, min_szigriszt_pazos}}`)",
        "modules/cbt/cbt-thought-records.md: error: reading level is over the limit: Flesch-Kincaid grade 9.4 (limit "
        "8), "
        "SMOG 8.9 (limit 8)",
        "shorten the sentences and use shorter words; the message names the three hardest sentences",
    ),
    Rule(
        "person-first",
        "error",
        "no stigmatizing terms: person-first language",
        "modules/relapse-prevention/rp-cravings.md:14: error: 'addict' is stigmatizing language (say 'person with a "
        "substance use disorder' instead (source: ...); to keep it, add <!-- allow: addict --> to the line)",
        "use the replacement the message gives, or keep one use with `<!-- allow: TERM -->` on its line",
    ),
    Rule(
        "crisis-number",
        "error",
        "a phone number or short code in a lesson is one of the program's crisis lines, contact or allowed numbers",
        "modules/safety/safety-my-safety-plan.md:22: error: the number 1-800-662-4356 is not one of the program's "
        "crisis "
        "lines or allowed numbers (did you mean 1-800-662-4357 (SAMHSA National Helpline)?)",
        "correct the number, or add it under `allowed_numbers:` in program.yml",
    ),
    Rule(
        "crisis-card",
        "error",
        "every crisis line fits one wallet card (3.5 x 2 in, handouts/crisis-card.pdf), in 6 pt type at the least",
        "curriculum/program.yml:12: error: the crisis lines do not fit on a wallet card (3.5 x 2 in), even in 6 pt "
        "type (12 lines, 884 characters of label and reach) (shorten the lines' `label` and `reach` (the card "
        "leaves the note off), or list fewer lines)",
        "shorten the lines' `label` and `reach` (the card leaves the note off), or list fewer lines; a line of your "
        "own in a translation's program file (program.<language>.yml) is measured in that language",
        settable=False,
    ),
    Rule(
        "fictional-number",
        "warning",
        "contact.phone and allowed_numbers are not fictional 555-01xx numbers, which nobody answers",
        "curriculum/program.yml:8: warning: contact.phone is 555-0100, a fictional 555-01xx number: nobody answers it",
        "give the real number people call, or leave it out until you have it",
    ),
    Rule(
        "freshness",
        "error",
        "every module has a `reviewed` date within the program's limit (older: a warning)",
        "modules/cbt/cbt-thought-records.md:2: error: the module has no `reviewed` date (after a clinician reviews "
        "it, add "
        "`reviewed: YYYY-MM-DD` to the front matter)",
        "have a clinician review the lesson, then set `reviewed:`",
    ),
    Rule(
        "links",
        "error",
        "links between modules, and images, resolve",
        "modules/relapse-prevention/rp-cravings.md:30: error: the link points to a module 'cbt-thought-record' that "
        "does "
        "not exist (did you mean 'cbt-thought-records'?)",
        "link another lesson by its id (`[text](cbt-thought-records.md)`); put images beside the lesson",
    ),
    Rule(
        "hidden-link",
        "error",
        "a link to a lesson points to one the site has (not hidden, not left out); a warning in stock lessons",
        "modules/housing/housing-stable-home.md:18: error: the link points to the lesson 'addiction-gambling', which "
        "the "
        "site does not have (program.yml hides it); the page shows the link's text without a link",
        "link a lesson the site shows, or stop hiding it (`hide:` in program.yml)",
    ),
    Rule(
        "completeness",
        "error",
        "objectives, summary, references, an activity or discussion, facilitator notes",
        "modules/housing/housing-stable-home.md:20: error: the activity 'Practice' does not say how long it takes "
        "(end "
        'its title with the minutes, like "(15 min)")',
        "add what the message names",
    ),
    Rule(
        "placeholder",
        "error",
        "no text left from the `psychoed new module` template",
        "modules/housing/housing-stable-home.md:4: error: the module still holds the template's placeholder "
        '"One plain sentence a patient understands."',
        "replace the template's text with your own",
    ),
    Rule(
        "stock-changed",
        "warning",
        "a program's copy of a stock module is compared again when the stock module changes",
        "modules/relapse-prevention/rp-cravings.md:3: warning: the stock module 'rp-cravings' has changed since this "
        "copy "
        "was made (`psychoed diff rp-cravings` shows what changed; take what you need, then set `stock_hash: '...'`)",
        "run `psychoed diff ID`, take what you need into your copy, then set the `stock_hash:` the hint gives",
    ),
    Rule(
        "remote-content",
        "error",
        "nothing a page or PDF shows is loaded from another host or from outside the program folder",
        "modules/cbt/cbt-thought-records.md:12: error: the image loads https://cdn.example.org/wave.png from another "
        "host "
        "(save the file in the program folder, next to the lesson, and link it by its name; ...)",
        "save the file in the program folder (beside the lesson) and link it by its name",
    ),
    Rule(
        "unsafe-html",
        "warning",
        "raw HTML runs no script: no <script>, event handlers, javascript: or data: addresses, iframes "
        '(an error: `rel="attachment"`, as PDFs embed no files)',
        "modules/cbt/cbt-thought-records.md:40: warning: raw HTML <script> runs script in the page (take it out, or "
        "keep "
        "it if you wrote it on purpose: pages should run no script of their own)",
        "take the HTML out, or keep it if you wrote it on purpose; `--strict` makes these errors",
    ),
    Rule(
        "facilitator-html",
        "error",
        "facilitator text is written so that psychoed can remove it from the participant edition",
        'modules/cbt/cbt-thought-records.md:25: error: raw HTML <div class="facilitator"> reaches the participant '
        "edition: psychoed removes facilitator text only from Markdown blocks",
        'write it as `!!! facilitator "Facilitator notes"` with its text indented by four spaces',
    ),
    Rule(
        "translation",
        "error",
        "translations and curriculum/program.<language>.yml are well formed, for the program's languages",
        "curriculum/program.yml:5: error: `languages` starts with 'es', but lessons are written in English first "
        "(write `languages: [en, ...]`)",
        "do what the hint says: name the file `<id>.<lang>.md` beside its English lesson, list English first",
    ),
    Rule(
        "translation-missing",
        "warning",
        "every lesson the site shows has a translation in each of the program's languages",
        "modules/housing/housing-stable-home.md: warning: no Spanish translation: the Spanish site shows this lesson "
        "in "
        "English, with a notice (start one with `psychoed new module --lang es housing-stable-home` ...)",
        "start a translation with `psychoed new module --lang es ID`",
    ),
    Rule(
        "translation-stale",
        "warning",
        "a translation follows the English lesson as it is now",
        "modules/relapse-prevention/rp-cravings.es.md:4: warning: the translation follows an older version of "
        "modules/relapse-prevention/rp-cravings.md, which has changed since (compare the two, ... set "
        '`source_hash: "..."`)',
        "bring the translation up to date, then set the `source_hash:` the hint gives",
    ),
    Rule(
        "translation-words",
        "warning",
        "the tracks' titles and agenda words have a translation in each of the program's languages",
        "curriculum/tracks/evening-iop.yml:14: warning: 'Check-in' has no Spanish translation; the Spanish pages "
        "show it "
        "in English",
        'add it under `words:` in curriculum/program.<language>.yml: `"Check-in": "<its translation>"`',
    ),
    # Not content rules: they stop a command, and program.yml's `rules:` cannot change them.
    Rule(
        "output",
        "error",
        "the output folder can be written: disk space, permissions, no other build writing into it",
        "site/: error: psychoed may not write into this folder (check the folder's permissions and owner, or build "
        "elsewhere with --out DIR)",
        "free space or fix the folder's permissions, or build elsewhere with `--out DIR`; the last good site stays",
        settable=False,
    ),
    Rule(
        "template",
        "error",
        "the theme templates in overrides/ render",
        "overrides/main.html:12: error: the theme template has an error: unexpected '}' (fix the template, or delete "
        "it "
        "from overrides/ to use the stock one)",
        "fix the template, or delete it from overrides/ to use the stock one",
        settable=False,
    ),
    Rule(
        "usage",
        "error",
        "the command is run where it can work: a program folder, a new file that does not exist yet",
        "modules/housing/housing-stable-home.md: error: this module already exists (choose another id, or edit the "
        "file)",
        "do what the hint says (run it in a program folder, choose another id)",
        settable=False,
    ),
)

BY_ID: dict[str, Rule] = {rule.id: rule for rule in ALL}
