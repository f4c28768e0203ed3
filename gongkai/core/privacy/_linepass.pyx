# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The scanner's pass over the lines of a plain-text file, compiled (docs/scanner.md,
"The compiled line pass"; ADR 0003).

:func:`scan_lines` goes through the whole lines of a decoded chunk. A line that holds a word
the Python pass reads (a mark, a name label, an e-mail, a place or province before a number,
a sensitive term) is handed back to be scanned there, whole; in any other line only number
tokens can give a finding, and this module finds them, classifies and validates them, masks
them and makes the findings exactly as :class:`textpass.TextPass` and
:func:`scanner.scan_segment` would. Lines with nothing are left out.

It mirrors :mod:`patterns` (the number alternatives of ``MASTER``), :mod:`textpass`
(``_number``, ``_longest_run``, ``_add_number``), :mod:`recognizers` (``label_before``,
``classify_number`` and the validators) and :mod:`masking` (``preview``); its tables are read
from those modules at import, and it refuses to import when the recognizers change shape.
``gongkai/core/tests/test_privacy_linepass.py`` compares it with the Python pass.
"""

from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ

cdef extern from "Python.h":
    int PyGC_Enable()
    int PyGC_Disable()
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    void PyUnicode_WRITE(int kind, void* data, Py_ssize_t index, Py_UCS4 value)
    int PyUnicode_1BYTE_KIND
    int PyObject_GenericSetAttr(object o, object name, object value) except -1
    void PyObject_GC_UnTrack(object o)

cdef extern from *:
    """
    /* object.__new__(cls) without its argument tuples: a finding is made per value found. */
    static PyObject *gongkai_new_instance(PyObject *cls, PyObject *empty) {
        return PyBaseObject_Type.tp_new((PyTypeObject *)cls, empty, NULL);
    }
    """
    object gongkai_new_instance(object cls, object empty)

from gongkai.core.privacy import masking
from gongkai.core.privacy import patterns as p
from gongkai.core.privacy import recognizers as r
from gongkai.core.privacy import textpass as tp

cdef object fold = tp.fold
# Trigger character -> [(its index in the word, word)] of patterns.LINE_WORD_LIST.
cdef dict WORDS_BY_TRIGGER = {}
cdef list WORD_LISTS = []  # WORDS_BY_TRIGGER's lists, by word_slot[trigger]
cdef unsigned char word_slot[65536]
for _word in p.LINE_WORD_LIST:
    _index = next(i for i, char in enumerate(_word) if char in p.LINE_WORD_TRIGGERS)
    WORDS_BY_TRIGGER.setdefault(_word[_index], []).append((_index, _word))

# The recognizers (recognizers.NUMBER_RECOGNIZERS) as C reads them.
cdef class Rec:
    """A recognizers.Recognizer, its fields as C reads them."""

    cdef readonly int index
    cdef readonly str kind
    cdef readonly str rule
    cdef readonly str severity
    cdef readonly str labelled_severity
    cdef readonly bint unlabelled

    def __init__(self, int index, recognizer):
        self.index = index
        self.kind = recognizer.kind
        self.rule = recognizer.rule
        self.severity = recognizer.severity
        self.labelled_severity = recognizer.labelled_severity
        self.unlabelled = recognizer.unlabelled


_RULES = (
    "ric18_checksum",
    "luhn_bin",
    "uscc_checksum",
    "mobile_prefix",
    "ric15_date",
    "landline_shape",
    "passport_shape",
)
if sorted(rec.rule for rec in r.NUMBER_RECOGNIZERS) != sorted(_RULES):
    raise ImportError("the recognizers changed: the compiled line pass must follow them")
cdef dict _BY_RULE = {
    rec.rule: Rec(_RULES.index(rec.rule), rec) for rec in r.NUMBER_RECOGNIZERS
}
cdef Rec REC_ID18 = _BY_RULE["ric18_checksum"]
cdef Rec REC_CARD = _BY_RULE["luhn_bin"]
cdef Rec REC_USCC = _BY_RULE["uscc_checksum"]
cdef Rec REC_MOBILE = _BY_RULE["mobile_prefix"]
cdef Rec REC_ID15 = _BY_RULE["ric15_date"]
cdef Rec REC_LANDLINE = _BY_RULE["landline_shape"]
cdef Rec REC_PASSPORT = _BY_RULE["passport_shape"]
_EXPECTED = {
    11: ["mobile_prefix"],
    13: ["mobile_prefix"],
    15: ["mobile_prefix"],
    16: ["luhn_bin"],
    17: ["luhn_bin"],
    18: ["ric18_checksum", "luhn_bin", "uscc_checksum"],
    19: ["luhn_bin"],
}
if {n: [x.rule for x in v] for n, v in r._VALIDATED_BY_LENGTH.items() if v} != _EXPECTED:
    raise ImportError("the recognizers changed: the compiled line pass must follow them")

cdef str ID = r.ID
cdef str CARD = r.CARD
cdef str LANDLINE = r.LANDLINE
cdef frozenset PHONES = r.PHONES
# recognizers._LABELLED_BY_LENGTH, as Rec.
cdef list LABELLED_BY_LENGTH = [
    [_BY_RULE[rec.rule] for rec in r._LABELLED_BY_LENGTH.get(n, ())] for n in range(32)
]
cdef object COMPACT = tp._COMPACT
cdef int MAX_JOINED = tp._MAX_JOINED
cdef int MAX_PIECES = tp._MAX_PIECES
cdef int LABEL_WINDOW = r.LABEL_WINDOW

cdef bint useful[32]
cdef bint province[100]
cdef bint mobile_prefix[1000]
cdef unsigned int card_lengths[100]  # bit n: length n allowed, by the first two digits
# What a character is to scan_lines: a bit each.
cdef enum:
    C_ALNUM = 1  # an ASCII letter or digit
    C_WORD = 2  # a trigger of patterns.LINE_WORD_LIST
    C_WIDE = 4  # a full-width letter or digit (textpass.fold changes the line)
    C_NEWLINE = 8
    C_RUN = 16  # a separator or sign that a number token may hold: space - U+3000 U+00A0 + ( ) （ ）
    C_BEFORE = 32  # a place or province character: an address or plate may follow
    C_TOKEN = 64  # (a line flag) a run with 7 letters or digits, or one after C_BEFORE
cdef unsigned char CLASS[65536]
cdef unsigned char CLASSED[8192]  # bit c: CLASS[c] is not 0
cdef unsigned char label_tail[65536]
cdef unsigned char place[65536]
cdef unsigned char plate_province[65536]
cdef int birth_lo = r.BIRTH_YEARS.start, birth_hi = r.BIRTH_YEARS.stop
cdef int living_lo = r._LIVING_YEARS.start, living_hi = r._LIVING_YEARS.stop
cdef int[17] RIC_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
cdef int[8] ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
cdef int[17] USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
cdef str USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
cdef int uscc_value[128]
cdef bint uscc_prefix[31 * 31]
# Labels by their last character, longest first: LABELS[label_slot[char]].
cdef list LABELS = []
cdef unsigned short label_slot[65536]


def _setup():
    cdef int n
    for n in range(32):
        useful[n] = n in r.USEFUL_LENGTHS
    for n in range(100):
        province[n] = f"{n:02d}" in r.PROVINCE_CODES
        lengths = r.CARD_LENGTHS.get(f"{n:02d}") or r.CARD_LENGTHS.get(str(n // 10)) or ()
        card_lengths[n] = 0
        for length in lengths:
            card_lengths[n] |= 1u << length
    for n in range(1000):
        mobile_prefix[n] = str(n) in r.MOBILE_PREFIXES
    for n in range(65536):
        label_tail[n] = place[n] = plate_province[n] = 0
    for n in range(65536):
        CLASS[n] = 0
    for n in range(128):
        if is_alnum(n):
            CLASS[n] = C_ALNUM
    for n in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):
        CLASS[n] = C_ALNUM | C_WIDE
    WORD_LISTS.append(None)  # slot 0: no word is met at this character
    for n in range(65536):
        word_slot[n] = 0
    for char, words in WORDS_BY_TRIGGER.items():
        word_slot[ord(char)] = len(WORD_LISTS)
        WORD_LISTS.append(words)
    for char in WORDS_BY_TRIGGER:
        CLASS[ord(char)] |= C_WORD
    CLASS[10] = C_NEWLINE
    for char in " -\u3000\u00a0+()（）":
        CLASS[ord(char)] |= C_RUN
    for char in p.ADDRESS_PLACES + p.PROVINCES:
        CLASS[ord(char)] |= C_BEFORE
    for n in range(8192):
        CLASSED[n] = 0
    for n in range(65536):
        if CLASS[n]:
            CLASSED[n >> 3] |= 1 << (n & 7)
    for char in r._LABEL_TAILS:
        label_tail[ord(char)] = 1
    for char in p.ADDRESS_PLACES:
        place[ord(char)] = 1
    for char in p.PROVINCES:
        plate_province[ord(char)] = 1
    for n in range(128):
        uscc_value[n] = -1
    for n, char in enumerate(USCC_ALPHABET):
        uscc_value[ord(char)] = n
    for n in range(31 * 31):
        uscc_prefix[n] = USCC_ALPHABET[n // 31] + USCC_ALPHABET[n % 31] in r.USCC_PREFIXES
    LABELS.append(None)  # slot 0: no label ends with this character
    by_last = {}
    for word, label in r.LABEL_BY_WORD.items():
        context = r.LabelContext((label.word,), label.kinds, label.klass, column=False)
        by_last.setdefault(word[len(word) - 1], []).append(Label(context))
    for n in range(65536):
        label_slot[n] = 0
    for char, labels in by_last.items():
        labels.sort(key=lambda label: -len(label.word))  # the longest word wins
        label_slot[ord(char)] = len(LABELS)
        LABELS.append(labels)


_setup()


# Characters


cdef inline Py_UCS4 at(str s, Py_ssize_t i):
    # s[i] without the checks of an index (every caller keeps i within the string).
    return PyUnicode_READ(PyUnicode_KIND(s), PyUnicode_DATA(s), i)


cdef inline bint is_digit(Py_UCS4 c):
    return 48 <= c <= 57


cdef inline bint is_alnum(Py_UCS4 c):
    return (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122)


cdef inline bint is_sep(Py_UCS4 c):
    # patterns.SEP without its line break (a line has none): space, hyphen, U+3000, U+00A0.
    return c == 32 or c == 45 or c == 0x3000 or c == 0xA0


cdef inline bint is_plate_letter(Py_UCS4 c):
    return 65 <= c <= 90 and c != 73 and c != 79  # A-HJ-NP-Z


# Tokens: the number alternatives of patterns.MASTER (number, plus, paren, letters)


cdef Py_ssize_t run_end(str s, Py_ssize_t j, Py_ssize_t hi):
    """patterns._RUN (possessive) from j: letters and digits, and a separator before one."""
    while j < hi:
        if is_alnum(at(s, j)):
            j += 1
        elif is_sep(at(s, j)) and j + 1 < hi and is_alnum(at(s, j + 1)):
            j += 1
        else:
            break
    return j


cdef inline bint decimal_after(str s, Py_ssize_t j, Py_ssize_t hi):
    """patterns._NO_DECIMAL_AFTER fails: ``.5`` or ``,5`` follows."""
    return j + 1 < hi and (at(s, j) == u"." or at(s, j) == u",") and is_digit(at(s, j + 1))


cdef Py_ssize_t number_match(str s, Py_ssize_t lo, Py_ssize_t hi, Py_ssize_t i):
    cdef Py_ssize_t j, k
    if i - 2 >= lo and is_digit(at(s, i - 2)) and (at(s, i - 1) == u"." or at(s, i - 1) == u","):
        return -1  # _NO_DECIMAL
    j = i + 1
    for k in range(6):  # _AT_LEAST_7
        if j < hi and is_alnum(at(s, j)):
            j += 1
        elif j + 1 < hi and is_sep(at(s, j)) and is_alnum(at(s, j + 1)):
            j += 2
        else:
            return -1
    j = run_end(s, i + 1, hi)
    return -1 if decimal_after(s, j, hi) else j


cdef Py_ssize_t plus_match(str s, Py_ssize_t hi, Py_ssize_t i):
    cdef Py_ssize_t k = i + 1
    if k < hi and at(s, k) == u" ":
        k += 1
    if not (k + 1 < hi and is_digit(at(s, k)) and is_digit(at(s, k + 1))):
        return -1
    k = run_end(s, k + 2, hi)
    return -1 if decimal_after(s, k, hi) else k


cdef Py_ssize_t paren_match(str s, Py_ssize_t hi, Py_ssize_t i):
    # 0[0-9]{2,3}[)）][ \-]?[2-9] then the run: the {2,3} and the optional separator each
    # leave one way to match (a digit cannot be a bracket, a separator no digit).
    cdef Py_ssize_t k = i + 1, d = 0
    if not (k < hi and at(s, k) == u"0"):
        return -1
    k += 1
    while d < 3 and k < hi and is_digit(at(s, k)):
        k += 1
        d += 1
    if d < 2 or not (k < hi and (at(s, k) == u")" or at(s, k) == u"）")):
        return -1
    k += 1
    if k < hi and (at(s, k) == u" " or at(s, k) == u"-"):
        k += 1
    if not (k < hi and 50 <= at(s, k) <= 57):
        return -1
    k = run_end(s, k + 1, hi)
    return -1 if decimal_after(s, k, hi) else k


cdef Py_ssize_t letters_match(str s, Py_ssize_t hi, Py_ssize_t i):
    cdef Py_ssize_t k = i + 1, m
    if k < hi and is_alnum(at(s, k)) and not is_digit(at(s, k)):
        k += 1
    for m in range(k, k + 6):
        if not (m < hi and is_digit(at(s, m))):
            return -1
    k = run_end(s, k, hi)
    return -1 if decimal_after(s, k, hi) else k


# Validators of the unlabelled path (recognizers.ric18_valid, card_valid, uscc_valid,
# mobile_valid) on a compact value: upper-case ASCII letters and digits, s[o:o+n].


cdef inline int digit_at(str s, Py_ssize_t i):
    return <int>at(s, i) - 48


cdef bint all_digits(str s, Py_ssize_t a, Py_ssize_t b):
    cdef Py_ssize_t i
    for i in range(a, b):
        if not is_digit(at(s, i)):
            return False
    return True


cdef bint calendar_date(str s, Py_ssize_t a):
    """s[a:a+8] (digits) is a real date, year 1 or later: datetime.date's rule."""
    return real_date(year_at(s, a), two_digits(s, a + 4), two_digits(s, a + 6))


cdef bint real_date(int y, int m, int d):
    """datetime.date(y, m, d) exists (the Gregorian calendar, year 1 or later)."""
    cdef int days
    if y < 1 or m < 1 or m > 12 or d < 1:
        return False
    if m == 2:
        days = 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28
    elif m == 4 or m == 6 or m == 9 or m == 11:
        days = 30
    else:
        days = 31
    return d <= days


cdef inline int year_at(str s, Py_ssize_t a):
    return (
        digit_at(s, a) * 1000 + digit_at(s, a + 1) * 100 + digit_at(s, a + 2) * 10
        + digit_at(s, a + 3)
    )


cdef inline int two_digits(str s, Py_ssize_t a):
    return digit_at(s, a) * 10 + digit_at(s, a + 1)


cdef Py_UCS4 ric_check(str s, Py_ssize_t o):
    cdef int total = 0, i, check
    for i in range(17):
        total += digit_at(s, o + i) * RIC_WEIGHTS[i]
    check = (1 - total % 11 + 11) % 11
    return u"X" if check == 10 else <Py_UCS4>(48 + check)


cdef bint ric18_valid(str s, Py_ssize_t o):
    # The shape [0-9]{17}[0-9X] first.
    if not all_digits(s, o, o + 17) or not (is_digit(at(s, o + 17)) or at(s, o + 17) == u"X"):
        return False
    if not province[two_digits(s, o)] or at(s, o + 17) != ric_check(s, o):
        return False
    cdef int year = year_at(s, o + 6)
    return birth_lo <= year < birth_hi and calendar_date(s, o + 6)


cdef bint id_shaped(str s, Py_ssize_t o):
    # s[o:o+18]: digits.
    if not province[two_digits(s, o)]:
        return False
    cdef int year = year_at(s, o + 6)
    if not (living_lo <= year < living_hi):
        return False
    return calendar_date(s, o + 6) or at(s, o + 17) == ric_check(s, o)


cdef inline int org_value(Py_UCS4 c):
    return <int>c - 48 if is_digit(c) else <int>c - 55


cdef Py_UCS4 org_check(str s, Py_ssize_t a):
    cdef int total = 0, i, check
    for i in range(8):
        total += org_value(at(s, a + i)) * ORG_WEIGHTS[i]
    check = 11 - total % 11
    if check == 10:
        return u"X"
    if check == 11:
        return u"0"
    return <Py_UCS4>(48 + check)


cdef bint uscc_shape(str s, Py_ssize_t o):
    # [0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}
    cdef Py_ssize_t i
    cdef Py_UCS4 c
    for i in range(18):
        c = at(s, o + i)
        if 2 <= i < 8:
            if not is_digit(c):
                return False
        elif c >= 128 or uscc_value[c] < 0:
            return False
    return True


cdef bint uscc_valid(str s, Py_ssize_t o):
    # s[o:o+18] has the credit code's shape.
    cdef int total = 0, i
    if not uscc_prefix[uscc_value[at(s, o)] * 31 + uscc_value[at(s, o + 1)]]:
        return False
    if not (province[two_digits(s, o + 2)] or (at(s, o + 2) == u"1" and at(s, o + 3) == u"0")):
        return False
    for i in range(17):
        total += uscc_value[at(s, o + i)] * USCC_WEIGHTS[i]
    if at(USCC_ALPHABET, (31 - total % 31) % 31) != at(s, o + 17):
        return False
    return org_check(s, o + 8) == at(s, o + 16)


cdef bint luhn(str s, Py_ssize_t o, Py_ssize_t n):
    cdef int total = 0, d
    cdef Py_ssize_t i
    for i in range(n):
        d = digit_at(s, o + n - 1 - i)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


cdef bint card_valid(str s, Py_ssize_t o, Py_ssize_t n):
    # s[o:o+n]: digits, 16 <= n <= 19.
    if not (card_lengths[two_digits(s, o)] >> n) & 1:
        return False
    if n == 18:
        if id_shaped(s, o):
            return False
        if uscc_valid(s, o) and not (at(s, o) == u"6" and (at(s, o + 1) == u"2" or at(s, o + 1) == u"0")):
            return False
    return luhn(s, o, n)


cdef bint mobile_valid(str s, Py_ssize_t o, Py_ssize_t n):
    # (?:0086|86)?1[3-9][0-9]{9} with an allocated prefix.
    cdef Py_ssize_t a = o + n - 11
    if not all_digits(s, o, o + n):
        return False
    if n == 13 and not (at(s, o) == u"8" and at(s, o + 1) == u"6"):
        return False
    if n == 15 and not (
        at(s, o) == u"0" and at(s, o + 1) == u"0" and at(s, o + 2) == u"8" and at(s, o + 3) == u"6"
    ):
        return False
    if at(s, a) != u"1" or not (51 <= at(s, a + 1) <= 57):
        return False
    return mobile_prefix[digit_at(s, a) * 100 + digit_at(s, a + 1) * 10 + digit_at(s, a + 2)]


cdef Rec validated(str s, Py_ssize_t o, Py_ssize_t n):
    """The recognizer of the unlabelled path that accepts s[o:o+n], or None."""
    if n == 18:
        if ric18_valid(s, o):
            return REC_ID18
        if all_digits(s, o, o + 18) and card_valid(s, o, 18):
            return REC_CARD
        if uscc_shape(s, o) and uscc_valid(s, o):
            return REC_USCC
    elif n == 16 or n == 17 or n == 19:
        if all_digits(s, o, o + n) and card_valid(s, o, n):
            return REC_CARD
    elif n == 11 or n == 13 or n == 15:
        if mobile_valid(s, o, n):
            return REC_MOBILE
    return None


cdef Rec classify(str s, Py_ssize_t o, Py_ssize_t n, object label, bint* valid):
    """recognizers.classify_number of the compact value s[o:o+n]: the recognizer or None,
    and in ``valid`` whether its validator passed."""
    cdef Rec rec = validated(s, o, n)
    if rec is not None:
        if (
            label is not None
            and (<Label>label).negative
            and rec.kind != ID
            and rec.kind not in (<Label>label).kinds
        ):
            return None
        valid[0] = True
        return rec
    if label is None or not (<Label>label).kinds:
        return None
    if n >= 32:
        return None
    for rec in <list>LABELLED_BY_LENGTH[n]:
        if rec.kind in (<Label>label).kinds and fits(rec, s, o, n):
            valid[0] = labelled_valid(rec, s, o, n)
            return rec
    return None


cdef tuple classify_tuple(str s, Py_ssize_t o, Py_ssize_t n, object label):
    cdef bint valid = False
    cdef Rec rec = classify(s, o, n, label, &valid)
    return None if rec is None else (rec, valid)


cdef bint fits(Rec rec, str s, Py_ssize_t o, Py_ssize_t n):
    """Recognizer.fits: the labelled shape of rec, fullmatched on s[o:o+n]."""
    if rec is REC_ID18:  # [0-9]{17}[0-9X]
        return all_digits(s, o, o + 17) and (is_digit(at(s, o + 17)) or at(s, o + 17) == u"X")
    if rec is REC_CARD:  # [0-9]{12,19}
        return 12 <= n <= 19 and all_digits(s, o, o + n)
    if rec is REC_USCC:
        return n == 18 and uscc_shape(s, o)
    if rec is REC_MOBILE:  # (?:0086|86)?1[0-9]{10}
        return all_digits(s, o, o + n) and (
            (n == 11 and at(s, o) == u"1")
            or (n == 13 and at(s, o) == u"8" and at(s, o + 1) == u"6" and at(s, o + 2) == u"1")
            or (n == 15 and at(s, o) == u"0" and at(s, o + 1) == u"0" and at(s, o + 2) == u"8"
                and at(s, o + 3) == u"6" and at(s, o + 4) == u"1")
        )
    if rec is REC_ID15:  # [0-9]{15}
        return n == 15 and all_digits(s, o, o + n)
    if rec is REC_LANDLINE:
        return landline_fits(s, o, n)
    if rec is REC_PASSPORT:
        return passport_fits(s, o, n)
    raise AssertionError(rec.rule)


cdef bint labelled_valid(Rec rec, str s, Py_ssize_t o, Py_ssize_t n):
    """rec.validator on s[o:o+n], which fits rec; False without a validator."""
    if rec is REC_ID18:
        return ric18_valid(s, o)
    if rec is REC_CARD:
        return 16 <= n <= 19 and card_valid(s, o, n)
    if rec is REC_USCC:
        return uscc_valid(s, o)
    if rec is REC_MOBILE:
        return mobile_valid(s, o, n)
    if rec is REC_ID15:  # province and the date 19yymmdd
        return province[two_digits(s, o)] and ric15_date(s, o + 6)
    return False  # landlines and passports have no validator


cdef bint ric15_date(str s, Py_ssize_t a):
    """birth_date_ok("19" + s[a:a+6])."""
    cdef int y = 1900 + two_digits(s, a)
    return birth_lo <= y < birth_hi and real_date(y, two_digits(s, a + 2), two_digits(s, a + 4))


cdef bint landline_fits(str s, Py_ssize_t o, Py_ssize_t n):
    """(?:(?:0086|86)AREA|0AREA)?[2-9][0-9]{6,7} with AREA (?:10|2[0-9]|[3-9][0-9]{2}),
    fullmatched: some prefix leaves a local number of 7 or 8 digits starting 2-9."""
    if not all_digits(s, o, o + n):
        return False
    cdef Py_ssize_t country, area, p
    for country in range(3):  # none, 0086, 86: then the area, or the 0 and the area
        if country == 0:
            p = o
        elif country == 1:
            if not (n >= 4 and at(s, o) == u"0" and at(s, o + 1) == u"0"
                    and at(s, o + 2) == u"8" and at(s, o + 3) == u"6"):
                continue
            p = o + 4
        else:
            if not (n >= 2 and at(s, o) == u"8" and at(s, o + 1) == u"6"):
                continue
            p = o + 2
        if country == 0:
            if local_fits(s, p, o + n):  # no prefix at all
                return True
            if not (p < o + n and at(s, p) == u"0"):
                continue
            p += 1
        for area in range(3):  # 10, 2[0-9], [3-9][0-9]{2}
            if area == 0 and p + 2 <= o + n and at(s, p) == u"1" and at(s, p + 1) == u"0":
                if local_fits(s, p + 2, o + n):
                    return True
            elif area == 1 and p + 2 <= o + n and at(s, p) == u"2":
                if local_fits(s, p + 2, o + n):
                    return True
            elif area == 2 and p + 3 <= o + n and 51 <= at(s, p) <= 57:
                if local_fits(s, p + 3, o + n):
                    return True
    return False


cdef inline bint local_fits(str s, Py_ssize_t p, Py_ssize_t e):
    # [2-9][0-9]{6,7} from p to e (digits already).
    return (e - p == 7 or e - p == 8) and 50 <= at(s, p) <= 57


cdef bint passport_fits(str s, Py_ssize_t o, Py_ssize_t n):
    """[A-Z]{1,2}[0-9]{7,10}|1[45][0-9]{7}|[0-9]{8}(?:[0-9]{2})?|[0-9]{10}[A-Z], fullmatched."""
    cdef Py_ssize_t letters = 0
    while letters < n and 65 <= at(s, o + letters) <= 90:
        letters += 1
    if 1 <= letters <= 2 and 7 <= n - letters <= 10 and all_digits(s, o + letters, o + n):
        return True
    if letters:
        return False
    if all_digits(s, o, o + n):
        if n == 9 and at(s, o) == u"1" and (at(s, o + 1) == u"4" or at(s, o + 1) == u"5"):
            return True
        return n == 8 or n == 10
    return n == 11 and all_digits(s, o, o + 10) and 65 <= at(s, o + 10) <= 90


# Labels (recognizers.label_before): the label ending right before a value, read backwards
# over ``[ \t\u3000]*(?:[为是][ \t\u3000]*)?(?:[:：][ \t\u3000]*)?`` within LABEL_WINDOW.


cdef class Label:
    """A recognizers.LabelContext (a label word before a value, or a column header), with
    what the hits need of it."""

    cdef readonly str word  # the first of its words: the rule's
    cdef readonly frozenset kinds
    cdef readonly bint negative
    cdef readonly bint office
    cdef readonly bint contact_line  # a contact label in the text, not a column's
    cdef list rules  # rule_of's cache

    def __init__(self, context):
        self.word = context.words[0]
        self.kinds = context.kinds
        self.negative = context.klass == "negative"
        self.office = context.klass == "office"
        self.contact_line = context.klass == "contact" and not context.column
        self.rules = [None] * (4 * len(_RULES))


cdef inline bint is_blank(Py_UCS4 c):
    return c == 32 or c == 9 or c == 0x3000


cdef object label_ending_at(str s, Py_ssize_t q, Py_ssize_t floor):
    """The longest label word that ends at s[q] and starts at floor or later."""
    if q < floor:
        return None
    cdef Py_UCS4 last = at(s, q)
    if last >= 65536 or not label_slot[last]:
        return None
    cdef Py_ssize_t length, k, first
    cdef Label label
    for label in <list>LABELS[label_slot[last]]:
        length = len(label.word)
        first = q - length + 1
        if first < floor:
            continue
        for k in range(length - 1):
            if at(s, first + k) != at(label.word, k):
                break
        else:
            return label
    return None


cdef Py_ssize_t skip_blanks(str s, Py_ssize_t q, Py_ssize_t floor):
    while q >= floor and is_blank(at(s, q)):
        q -= 1
    return q


cdef object label_before(str s, Py_ssize_t lo, Py_ssize_t start):
    if start == lo or at(s, start - 1) >= 65536 or not label_tail[at(s, start - 1)]:
        return None
    cdef Py_ssize_t floor = start - LABEL_WINDOW if start - LABEL_WINDOW > lo else lo
    cdef Py_ssize_t q = skip_blanks(s, start - 1, floor), q2, q3
    cdef int taken, colon
    # The optional 为/是 and colon, each tried taken first (the pattern is greedy).
    for taken in range(1, -1, -1):
        q2 = q
        if taken:
            if not (q >= floor and (at(s, q) == u"为" or at(s, q) == u"是")):
                continue
            q2 = skip_blanks(s, q - 1, floor)
        for colon in range(1, -1, -1):
            q3 = q2
            if colon:
                if not (q2 >= floor and (at(s, q2) == u":" or at(s, q2) == u"：")):
                    continue
                q3 = skip_blanks(s, q2 - 1, floor)
            label = label_ending_at(s, q3, floor)
            if label is not None:
                return label
    return None


# Findings of number tokens (textpass._add_number, _number_rule, _number_severity,
# _looks_like_money; scanner.scan_segment), offsets in the line.


cdef list NO_LABEL_RULES = [None] * (4 * len(_RULES))


cdef str rule_of(Rec rec, bint valid, object label, bint joined):
    """textpass._number_rule (and +joined), made once per label, recognizer and path."""
    cdef list cache = (<Label>label).rules if label is not None else NO_LABEL_RULES
    cdef int key = rec.index * 4 + valid * 2 + joined
    rule = cache[key]
    if rule is None:
        if valid and rec.unlabelled:
            rule = rec.rule
        else:
            rule = "labelled:" + ((<Label>label).word if label is not None else "?")
            if valid:
                rule = rule + "+" + rec.rule
        if joined:
            rule = rule + "+joined"
        cache[key] = rule
    return rule


# textpass._MONEY_AFTER and _MONEY_BEFORE: an unlabelled number next to one is an amount.
cdef str MONEY_AFTER = "".join(sorted(tp._MONEY_AFTER))
cdef str MONEY_BEFORE = "".join(sorted(tp._MONEY_BEFORE))


cdef inline bint is_money(Py_UCS4 c, str signs):
    cdef Py_ssize_t i
    for i in range(len(signs)):
        if at(signs, i) == c:
            return True
    return False


cdef class Sink:
    """Where a line's findings go: the chunk's list, with the line's number and ``where``."""

    cdef list out
    cdef object finding_class
    cdef Py_ssize_t number
    cdef object where  # {"line": number}, made at the line's first finding

    def __init__(self, list out, object finding_class):
        self.out = out
        self.finding_class = finding_class


cdef void add_number(
    Sink sink, str s, Py_ssize_t lo, Py_ssize_t hi, Py_ssize_t start, Py_ssize_t end,
    Rec rec, bint valid, object label, bint joined,
):
    kind = rec.kind
    if label is None and kind != ID:
        if (end < hi and is_money(at(s, end), MONEY_AFTER)) or (
            start > lo and is_money(at(s, start - 1), MONEY_BEFORE)
        ):
            return
    severity = rec.severity if valid else rec.labelled_severity
    if label is not None and kind in PHONES:
        if (<Label>label).office:
            severity = "low"
        elif kind == LANDLINE and (<Label>label).contact_line:
            severity = "low"
    if sink.where is None:
        sink.where = {"line": sink.number}
    # As scanner.scan_segment makes it (hits of number tokens never overlap).
    # The fields are set past the frozen class's __setattr__, into the object's own inline
    # values (no __dict__ is made).
    finding = gongkai_new_instance(sink.finding_class, ())
    PyObject_GenericSetAttr(finding, "kind", kind)
    PyObject_GenericSetAttr(finding, "severity", severity)
    PyObject_GenericSetAttr(finding, "rule", rule_of(rec, valid, label, joined))
    PyObject_GenericSetAttr(finding, "masked", preview_at(kind, s, start, end))
    PyObject_GenericSetAttr(finding, "where", sink.where)
    PyObject_GenericSetAttr(finding, "start", start - lo)
    PyObject_GenericSetAttr(finding, "end", end - lo)
    # A finding refers to strings, numbers and its line's {"line": n} only, and it is frozen:
    # it can never be part of a reference cycle, so the collector need not walk it again and
    # again while a caller keeps hundreds of thousands of them.
    PyObject_GC_UnTrack(finding)
    sink.out.append(finding)


# Number tokens (textpass._number, _single, _longest_run)


cdef void number_token(Sink sink, str s, Py_ssize_t lo, Py_ssize_t hi, Py_ssize_t ts, Py_ssize_t te):
    cdef Py_ssize_t i, a, n = te - ts
    cdef bint plain = True, split = False, valid = False
    cdef Rec rec
    cdef Py_UCS4 c
    for i in range(ts, te):
        c = at(s, i)
        if not (is_digit(c) or 65 <= c <= 90):
            plain = False  # a lower-case letter, a sign or a separator: compacted
            if is_sep(c):
                split = True
    if plain:
        # Digits and capitals: the token is its own compact value.
        if n < 32 and useful[n]:
            label = label_before(s, lo, ts)
            rec = classify(s, ts, n, label, &valid)
            if rec is not None:
                add_number(sink, s, lo, hi, ts, te, rec, valid, label, False)
        return
    if not split:
        compact = s[ts:te].translate(COMPACT).upper()
        n = len(compact)
        if n < 32 and useful[n]:
            label = label_before(s, lo, ts)
            rec = classify(compact, 0, n, label, &valid)
            if rec is not None:
                add_number(sink, s, lo, hi, ts, te, rec, valid, label, False)
        return
    label = label_before(s, lo, ts)
    pieces = []
    i = ts
    while i < te:
        if is_sep(at(s, i)):
            i += 1
            continue
        a = i
        while i < te and not is_sep(at(s, i)):
            i += 1
        pieces.append((a, i))
    compacts = [s[a:b].translate(COMPACT).upper() for a, b in pieces]
    cdef Py_ssize_t k = 0, count = len(pieces)
    while k < count:
        context = label if k == 0 else None
        taken = longest_run(compacts, k, context)
        if taken is None:
            k += 1
            continue
        j = taken[0]
        add_number(sink, s, lo, hi, pieces[k][0], pieces[j][1], taken[1], taken[2], context, j > k)
        k = j + 1


cdef tuple longest_run(list compacts, Py_ssize_t i, object label):
    # No line break in a line: no piece is "broken".
    cdef str piece = compacts[i]
    cdef Py_ssize_t total = len(piece), last = i, j, n = len(compacts)
    first = classify_tuple(piece, 0, total, label) if total < 32 and useful[total] else None
    if first is not None and first[1]:
        return (i, first[0], first[1])
    if total >= 2:
        for j in range(i + 1, min(n, i + MAX_PIECES)):
            total += len(<str>compacts[j])
            if total > MAX_JOINED:
                break
            last = j
            if len(<str>compacts[j]) < 3:
                break
    for j in range(last, i, -1):
        compact = "".join(compacts[i : j + 1])
        if not (len(compact) < 32 and useful[len(compact)]):
            continue
        taken = classify_tuple(compact, 0, len(compact), label)
        if taken is not None:
            return (j, taken[0], taken[1])
    return (i, first[0], first[1]) if first is not None else None


# Lines


cdef bint line_findings(Sink sink, str s, Py_ssize_t lo, Py_ssize_t hi):
    """The findings of the line s[lo:hi] (folded, without words) into sink; False: scan it
    in Python (what was added is then taken back by the caller)."""
    cdef Py_ssize_t i = lo, end
    cdef Py_UCS4 c, before
    cdef int ukind = PyUnicode_KIND(s)
    cdef void* data = PyUnicode_DATA(s)
    while i < hi:
        c = PyUnicode_READ(ukind, data, i)
        if not (is_alnum(c) or c == u"+" or c == u"(" or c == u"（"):
            i += 1
            continue
        if i > lo:
            before = at(s, i - 1)
            if is_alnum(before):  # _NO_ALNUM_BEFORE
                i += 1
                continue
            # An address or a plate may start here: the Python pass reads those.
            if before < 65536 and (
                (is_digit(c) and place[before]) or (is_plate_letter(c) and plate_province[before])
            ):
                return False
        if is_digit(c):
            end = number_match(s, lo, hi, i)
        elif c == u"+":
            end = plus_match(s, hi, i)
        elif c == u"(" or c == u"（":
            end = paren_match(s, hi, i)
        else:
            end = letters_match(s, hi, i)
        if end < 0:
            i += 1
            continue
        number_token(sink, s, lo, hi, i, end)
        i = end
    return True


cdef bint word_at(str text, Py_ssize_t i, Py_ssize_t lo, Py_ssize_t hi):
    """One of patterns.LINE_WORD_LIST has its trigger character at text[i]."""
    cdef Py_ssize_t a, n, k, first
    cdef Py_UCS4 trigger = at(text, i)
    if trigger >= 65536 or not word_slot[trigger]:
        return False
    for a, word in <list>WORD_LISTS[word_slot[trigger]]:
        n = len(<str>word)
        first = i - a
        if first < lo or first + n > hi:
            continue
        for k in range(n):
            if at(text, first + k) != at(<str>word, k):
                break
        else:
            return True
    return False


# Masked previews (masking.preview and the policies of masking.mask for these kinds)


cdef object python_mask = masking.mask
cdef str MOBILE = r.MOBILE
cdef str USCC = r.USCC
cdef str PASSPORT = r.PASSPORT


cdef inline bint is_significant(Py_UCS4 c):
    # masking._SIGNIFICANT
    return is_alnum(c) or 0x4E00 <= c <= 0x9FFF


cdef str star(str value, list hidden):
    """value with the characters at the positions in hidden as *."""
    chars = list(value)
    for position in hidden:
        chars[position] = "*"
    return "".join(chars)


cdef str ends(str value, Py_ssize_t head, Py_ssize_t tail):
    """masking._ends: keep head and tail significant characters, hide the middle."""
    cdef Py_ssize_t n = len(value), total = 0, i, index
    for i in range(n):
        if is_significant(at(value, i)):
            total += 1
    if head + tail >= total:
        head = tail = total // 4
    if total == n:
        return value[:head] + "*" * (total - head - tail) + value[total - tail :]
    hidden = []
    index = 0
    for i in range(n):
        if is_significant(at(value, i)):
            if not (index < head or index >= total - tail):
                hidden.append(i)
            index += 1
    return star(value, hidden)


cdef str mask_mobile(str value):
    cdef list digits = [i for i in range(len(value)) if is_digit(at(value, i))]
    national = digits[len(digits) - 11 :] if len(digits) >= 11 else digits
    hidden = national[3 : len(national) - 4] if len(national) >= 11 else national[1:]
    return star(value, hidden)


cdef str mask_landline(str value):
    cdef Py_ssize_t n = len(value), i = 0, skip = 0, area, count
    cdef list digits = [i for i in range(n) if is_digit(at(value, i))]
    cdef bint country = False
    # masking._COUNTRY: ^[+(（\s]*(?:0086|86)
    while i < n and (at(value, i) in u"+(（" or at(value, i).isspace()):
        i += 1
    if value.startswith("0086", i):
        country, i = True, i + 4
    elif value.startswith("86", i):
        country, i = True, i + 2
    if country:
        skip = sum(1 for p in digits if p < i)
    count = len(digits) - skip
    cdef Py_UCS4 first = at(value, digits[skip]) if count > 0 else 0
    cdef Py_UCS4 second = at(value, digits[skip + 1]) if count > 1 else 0
    if count > 0 and first == u"0":
        area = 3 if (second == u"1" or second == u"2") else 4
    elif country:
        area = 2 if (count > 0 and (first == u"1" or first == u"2")) else 3
    else:
        area = 0
    if count - area < 5:
        area = 0
    return star(value, digits[skip + area :])


cdef str mask_passport(str value):
    cdef Py_ssize_t letters = 0
    while letters < len(value) and 65 <= at(value, letters) <= 90:
        letters += 1
    return ends(value, letters if letters < 2 else 2, 4)


cdef str preview(str kind, str value):
    """masking.preview for the kinds of number tokens."""
    cdef Py_ssize_t n = len(value), i
    cdef bint plain = True, digits = True
    for i in range(n):
        if not is_alnum(at(value, i)):
            plain = digits = False
            break
        if not is_digit(at(value, i)):
            digits = False
    if plain:
        if kind == MOBILE and n == 11 and digits:
            return value[:3] + "****" + value[7:]
        if n > 8 and (kind == ID or kind == USCC):
            return value[:4] + "*" * (n - 8) + value[n - 4 :]
        if n > 4 and kind == CARD:
            return "*" * (n - 4) + value[n - 4 :]
    if kind == ID or kind == USCC:
        masked = ends(value, 4, 4)
    elif kind == CARD:
        masked = ends(value, 0, 4)
    elif kind == MOBILE:
        masked = mask_mobile(value)
    elif kind == LANDLINE:
        masked = mask_landline(value)
    elif kind == PASSPORT:
        masked = mask_passport(value)
    else:
        return python_mask(kind, value)
    # masking.mask: a mask never equals its value.
    if masked == value:
        masked = "*" * n
    if masked == value:
        masked = "*" * (n + 1)
    return masked


cdef str preview_at(str kind, str s, Py_ssize_t a, Py_ssize_t b):
    """preview(kind, s[a:b]); the common shapes (a bare ID, credit code, mobile or card)
    written straight into one new string."""
    cdef Py_ssize_t n = b - a, i, head = -1, tail = 0
    cdef bint digits = True
    cdef Py_UCS4 c
    for i in range(a, b):
        c = at(s, i)
        if not is_alnum(c):
            return preview(kind, s[a:b])
        if not is_digit(c):
            digits = False
    if kind == MOBILE and n == 11 and digits:
        head, tail = 3, 4
    elif n > 8 and (kind == ID or kind == USCC):
        head, tail = 4, 4
    elif n > 4 and kind == CARD:
        head, tail = 0, 4
    if head < 0:
        return preview(kind, s[a:b])
    masked = PyUnicode_New(n, 127)
    for i in range(n):
        PyUnicode_WRITE(
            PyUnicode_1BYTE_KIND, PyUnicode_DATA(masked), i,
            at(s, a + i) if i < head or i >= n - tail else 42,  # *
        )
    return masked


def scan_lines(
    str text, Py_ssize_t start, Py_ssize_t end, Py_ssize_t number, list forced, object finding_class
):
    """What the lines of ``text[start:end]`` hold, in order: the findings of the lines scanned
    here (``finding_class`` objects, as scanner.scan_segment makes them), and ``(start,
    number)`` of each line for the Python pass: those with a word, and those in ``forced``
    (sorted line starts). ``text[start:end]`` is whole lines, each ended by ``\\n``, the
    first being line ``number``."""
    # The pass makes no reference cycles: collecting while it builds its findings would only
    # walk them again and again (a sixth of its time on a dense list). The collector runs as
    # usual once the chunk is done.
    cdef int collecting = PyGC_Disable()
    try:
        return _scan_lines(text, start, end, number, forced, finding_class)
    finally:
        if collecting:
            PyGC_Enable()


cdef list _scan_lines(
    str text, Py_ssize_t start, Py_ssize_t end, Py_ssize_t number, list forced, object finding_class
):
    cdef list out = []
    cdef Py_ssize_t ls = start, le, i, stop, mark, f = 0, nforced = len(forced)
    cdef bint handled, found_word
    cdef unsigned int code
    cdef Sink sink = Sink(out, finding_class)
    cdef Py_UCS4 c
    cdef unsigned char flags, kind, before
    cdef int ukind = PyUnicode_KIND(text), run
    cdef void* data = PyUnicode_DATA(text)
    while ls < end:
        # A token that can give a hit has 7 letters or digits (USEFUL_LENGTHS) in one run of
        # them and C_RUN characters; an address or plate starts after a C_BEFORE character.
        flags = before = 0
        run = 0
        found_word = False
        i = ls
        while i < end:
            if ukind == 2:  # Chinese text: two bytes a character
                code = (<unsigned short*>data)[i]
            else:
                code = PyUnicode_READ(ukind, data, i)
            # Most characters are prose: the 8 KB bitmap (in the first-level cache) says so
            # without a look in the 64 KB table.
            if code >= 65536 or not (CLASSED[code >> 3] >> (code & 7)) & 1:
                run = before = 0
                i += 1
                continue
            kind = CLASS[code]
            if kind & C_WORD and not found_word:
                # A word never holds a line break: checked up to the chunk's end, it stops
                # at this line's.
                found_word = word_at(text, i, ls, end)
            if kind & C_ALNUM:
                run += 1
                if run >= 7 or before & C_BEFORE:
                    flags |= C_TOKEN
            elif not kind & C_RUN:
                run = 0
                if kind & C_NEWLINE:
                    break
            flags |= kind
            before = kind
            i += 1
        le = i
        stop = le - 1 if le > ls and at(text, le - 1) == u"\r" else le
        while f < nforced and <Py_ssize_t>forced[f] < ls:
            f += 1
        if found_word or (f < nforced and <Py_ssize_t>forced[f] == ls):
            out.append((ls, number))  # for the Python pass
            flags = 0
        if flags & C_WIDE or flags & C_TOKEN:
            mark = len(out)
            sink.number, sink.where = number, None
            if flags & C_WIDE:
                line = fold(text[ls:stop])
                handled = line_findings(sink, line, 0, len(line))
            else:
                handled = line_findings(sink, text, ls, stop)
            if not handled:
                del out[mark:]
                out.append((ls, number))
        ls = le + 1
        number += 1
    return out


def classify_compact(str compact, str label_word=None):
    """(rule, validated) of recognizers.classify_number(compact, label) as this module
    classifies, label being the word's LabelContext; or None. For the tests."""
    label = None
    if label_word is not None:
        entries = LABELS[label_slot[ord(label_word[len(label_word) - 1])]] or []
        label = next((entry for entry in entries if entry.word == label_word), None)
        if label is None:
            raise ValueError(label_word)
    taken = classify_tuple(compact, 0, len(compact), label)
    return None if taken is None else ((<Rec>taken[0]).rule, taken[1])


# Cells of digits (scanner.scan_segment's first case: TextPass.run_digits)


cdef dict COLUMN_LABELS = {}  # id(LabelContext of a column) -> (it, its Label)


def scan_digits(str text, object column, object where, object finding_class):
    """The findings of a segment of ASCII digits only (a cell of a list: an identity number,
    a phone, a card, an amount) under the column label ``column`` (a LabelContext or None),
    as scanner.scan_segment makes them without sensitive terms: one number token or none."""
    cdef Py_ssize_t n = len(text)
    cdef bint valid = False
    if n >= 32 or not useful[n]:
        return []
    label = None
    if column is not None:
        # By identity: recognizers.column_label gives the same object for a header again
        # (hashing the dataclass would cost more than the cell).
        entry = COLUMN_LABELS.get(id(column))
        if entry is None or (<tuple>entry)[0] is not column:
            if len(COLUMN_LABELS) > 4096:
                COLUMN_LABELS.clear()
            entry = COLUMN_LABELS[id(column)] = (column, Label(column))
        label = (<tuple>entry)[1]
    cdef Rec rec = classify(text, 0, n, label, &valid)
    if rec is None:
        return []
    # No money sign can stand around a whole cell; the one number never overlaps another.
    cdef list out = []
    cdef Sink sink = Sink(out, finding_class)
    sink.where = where
    add_number(sink, text, 0, n, 0, n, rec, valid, label, False)
    return out
