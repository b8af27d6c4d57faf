"""Stories the tests share, written like the ones members would send."""

STORY = (
    "Last night we lost a young man after forty minutes of CPR. I kept working the rest of the shift "
    "and only cried in the car park at dawn. I still can't stop seeing his face."
)
WITH_IDS = (
    "Mrs. Alvarez was brought into Ward 7B on March 3rd and her son Marcus called 555-201-3344 every hour. "
    "I still think about her every day."
)
IDENTIFIERS = ("Alvarez", "7B", "March 3rd", "Marcus", "555-201-3344")
URGENT = (
    "I can't do this any more. I have been saving up my patients' leftover morphine and I know how much it would take."
)
