// PII redaction of free text: emails, UK phone numbers, NHS numbers, UK postcodes and dates.
//
// [SECTION] character classes
// [SECTION] matchers (one per kind of identifier)
// [SECTION] the pass driver
//
// Hand-written matchers rather than std::regex: linear time on any input, no recursion depth
// that grows with the text, and rules (NHS check digit, postcode letter sets) a regex cannot say.
#include "redact.hpp"

#include "redact_names.hpp"
#include "utf8.hpp"

#include <array>
#include <cstddef>

namespace wardvoice::common {
namespace {

// [SECTION] character classes

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
/// Whether the code point at / just before byte `i` is a letter, mark or number of any
/// script: „07700 900123”, «943 476 5919» and тел.07700900123 hold identifiers, café2 not.
bool wordAt(std::string_view s, std::size_t i) {
    if (i >= s.size()) {
        return false;
    }
    if (static_cast<unsigned char>(s[i]) < 0x80) {
        return isDigit(s[i]) || isAlpha(s[i]);
    }
    std::size_t len = 0;
    return utf8::isWordCodePoint(utf8::codePointAt(s, i, len));
}
bool wordBefore(std::string_view s, std::size_t i) {
    if (i == 0) {
        return false;
    }
    if (static_cast<unsigned char>(s[i - 1]) < 0x80) {
        return isDigit(s[i - 1]) || isAlpha(s[i - 1]);
    }
    return utf8::isWordCodePoint(utf8::codePointBefore(s, i));
}
/// Bytes of one space at `i`: ' ', or a no-break / narrow / thin / figure space; 0 otherwise.
std::size_t spaceAt(std::string_view s, std::size_t i) {
    if (i >= s.size()) {
        return 0;
    }
    if (s[i] == ' ') {
        return 1;
    }
    if (s.substr(i, 2) == "\xc2\xa0") {
        return 2;
    }
    for (const std::string_view wide : {"\xe2\x80\xaf", "\xe2\x80\x89", "\xe2\x80\x87"}) {
        if (s.substr(i, 3) == wide) {
            return 3;
        }
    }
    return 0;
}
/// A '.' before `i` that ends a word rather than a decimal: "tel.07700" but not "1.07700".
bool abbreviationDotBefore(std::string_view s, std::size_t i) {
    return i >= 1 && s[i - 1] == '.' && !(i >= 2 && isDigit(s[i - 2]));
}
/// ASCII only, without the locale look-up of std::toupper: every matcher compares ASCII words.
char upper(char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

bool atWordStart(std::string_view s, std::size_t i) {
    return !wordBefore(s, i);
}
bool atWordEnd(std::string_view s, std::size_t i) {
    return !wordAt(s, i);
}

/// Reads 1..maxDigits digits at `i`; returns how many were read (0 when none).
std::size_t readNumber(std::string_view s, std::size_t i, std::size_t maxDigits, int& value) {
    std::size_t n = 0;
    value = 0;
    while (i + n < s.size() && isDigit(s[i + n]) && n < maxDigits) {
        value = value * 10 + (s[i + n] - '0');
        ++n;
    }
    if (i + n < s.size() && isDigit(s[i + n])) {
        return 0; // longer than allowed
    }
    return n;
}

bool startsWithNoCase(std::string_view s, std::size_t i, std::string_view word) {
    if (i + word.size() > s.size()) {
        return false;
    }
    for (std::size_t k = 0; k < word.size(); ++k) {
        if (upper(s[i + k]) != upper(word[k])) {
            return false;
        }
    }
    return true;
}

// [SECTION] matchers: each returns the length of the identifier starting at `i`, or 0.

bool isLocalPunct(char c) {
    return c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/// Bytes of one character of an address's local part at `i` (RFC 6531 allows letters of any
/// script: zoë.adams@...); 0 when none. `alnum` is set for a letter or digit.
std::size_t localPartCharAt(std::string_view s, std::size_t i, bool& alnum) {
    alnum = false;
    if (i >= s.size()) {
        return 0;
    }
    if (isLocalPunct(s[i])) {
        return 1;
    }
    if (!wordAt(s, i)) {
        return 0;
    }
    alnum = true;
    std::size_t len = 1;
    (void)utf8::codePointAt(s, i, len);
    return len;
}

bool localPartBefore(std::string_view s, std::size_t i) {
    return i > 0 && (isLocalPunct(s[i - 1]) || wordBefore(s, i));
}

std::size_t matchEmail(std::string_view s, std::size_t i) {
    if (localPartBefore(s, i)) {
        return 0; // only from the start of a run, which keeps the scan linear
    }
    std::size_t p = i;
    bool anyAlnum = false;
    for (bool alnum = false; std::size_t n = localPartCharAt(s, p, alnum);) {
        anyAlnum |= alnum;
        p += n;
    }
    // "+@c.de" is no address: without a letter or digit, a leftover after a redacted one
    // would be redacted again on a second pass
    if (!anyAlnum || p >= s.size() || s[p] != '@') {
        return 0;
    }
    std::size_t end = p + 1;
    std::size_t lastDot = std::string_view::npos;
    while (end < s.size()) {
        if (s[end] == '.' || s[end] == '-') {
            lastDot = s[end] == '.' ? end : lastDot;
            ++end;
            continue;
        }
        if (!wordAt(s, end)) {
            break;
        }
        std::size_t len = 1;
        (void)utf8::codePointAt(s, end, len);
        end += len;
    }
    while (end > p + 1 && (s[end - 1] == '.' || s[end - 1] == '-')) {
        --end; // a full stop after an address ends the sentence, not the domain
    }
    if (lastDot != std::string_view::npos && lastDot >= end) {
        lastDot = s.substr(0, end).rfind('.');
    }
    if (lastDot == std::string_view::npos || lastDot <= p + 1 || end - lastDot - 1 < 2) {
        return 0;
    }
    for (std::size_t k = lastDot + 1; k < end; ++k) {
        if (isDigit(s[k]) || s[k] == '-') {
            return 0; // a top-level domain is letters
        }
    }
    return end - i;
}

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

/// Reads a month name (full, or three-letter abbreviation with optional '.'); 0 when none.
std::size_t readMonthName(std::string_view s, std::size_t i) {
    for (const std::string_view month : kMonths) {
        if (startsWithNoCase(s, i, month) && atWordEnd(s, i + month.size())) {
            return month.size();
        }
    }
    for (const std::string_view month : kMonths) {
        const std::string_view abbrev = month.substr(0, 3);
        if (startsWithNoCase(s, i, abbrev)) {
            std::size_t n = 3;
            if (startsWithNoCase(s, i, "sept")) {
                n = 4;
            }
            if (i + n < s.size() && s[i + n] == '.') {
                ++n;
            }
            if (atWordEnd(s, i + n) || s[i + n - 1] == '.') {
                return n;
            }
        }
    }
    return 0;
}

std::size_t readOrdinalSuffix(std::string_view s, std::size_t i) {
    for (const std::string_view suffix : {"st", "nd", "rd", "th"}) {
        if (startsWithNoCase(s, i, suffix)) {
            return 2;
        }
    }
    return 0;
}

std::size_t skipSpaces(std::string_view s, std::size_t i) {
    while (std::size_t n = spaceAt(s, i)) {
        i += n;
    }
    return i;
}

/// A four-digit year from 1900 to 2099 at `i`; returns digits read or 0.
std::size_t readYear4(std::string_view s, std::size_t i) {
    int year = 0;
    const std::size_t n = readNumber(s, i, 4, year);
    return (n == 4 && year >= 1900 && year <= 2099 && atWordEnd(s, i + 4)) ? 4 : 0;
}

std::size_t matchNumericDate(std::string_view s, std::size_t i) {
    int first = 0;
    const std::size_t n1 = readNumber(s, i, 4, first);
    if (n1 == 0 || i + n1 >= s.size()) {
        return 0;
    }
    const char sep = s[i + n1];
    if (sep != '/' && sep != '-' && sep != '.') {
        return 0;
    }
    // "3/1/03/12" is a list, not a date, from either end: a date taken from its end would leave
    // the start to be read as a date on a second pass
    if (i >= 2 && s[i - 1] == sep && isDigit(s[i - 2])) {
        return 0;
    }
    int second = 0;
    const std::size_t p2 = i + n1 + 1;
    const std::size_t n2 = readNumber(s, p2, 2, second);
    if (n2 == 0 || p2 + n2 >= s.size() || s[p2 + n2] != sep) {
        return 0;
    }
    int third = 0;
    const std::size_t p3 = p2 + n2 + 1;
    const std::size_t n3 = readNumber(s, p3, 4, third);
    const std::size_t end = p3 + n3;
    if (n3 == 0 || !atWordEnd(s, end)) {
        return 0;
    }
    // "1.2.3.4" or "1/2/3/4" is a version or a list, not a date
    if (end + 1 < s.size() && s[end] == sep && isDigit(s[end + 1])) {
        return 0;
    }
    if (n1 == 4) { // ISO 8601: year-month-day
        const bool ok = first >= 1900 && first <= 2099 && second >= 1 && second <= 12 && n3 <= 2 &&
                        third >= 1 && third <= 31;
        return ok ? end - i : 0;
    }
    const bool dayMonth = n1 <= 2 && first >= 1 && first <= 31 && second >= 1 && second <= 12;
    const bool monthDay = n1 <= 2 && second >= 1 && second <= 31 && first >= 1 && first <= 12;
    const bool year = (n3 == 4 && third >= 1900 && third <= 2099) || n3 == 2;
    return ((dayMonth || monthDay) && year) ? end - i : 0;
}

/// "12 March 1950", "12th of March, 1950"
std::size_t matchDayMonthYear(std::string_view s, std::size_t i) {
    int day = 0;
    std::size_t p = i + readNumber(s, i, 2, day);
    if (p == i || day < 1 || day > 31) {
        return 0;
    }
    p += readOrdinalSuffix(s, p);
    std::size_t q = skipSpaces(s, p);
    if (q == p && !(q < s.size() && (s[q] == '-' || s[q] == '/'))) {
        return 0;
    }
    if (q < s.size() && (s[q] == '-' || s[q] == '/')) {
        ++q;
    }
    if (startsWithNoCase(s, q, "of ")) {
        q = skipSpaces(s, q + 3);
    }
    const std::size_t m = readMonthName(s, q);
    if (m == 0) {
        return 0;
    }
    p = q + m;
    if (p < s.size() && s[p] == ',') {
        ++p;
    }
    if (p < s.size() && (s[p] == '-' || s[p] == '/')) {
        ++p;
    }
    p = skipSpaces(s, p);
    const std::size_t y = readYear4(s, p);
    return y == 0 ? 0 : p + y - i;
}

/// "March 12, 1950", "March 12th 1950"
std::size_t matchMonthDayYear(std::string_view s, std::size_t i) {
    const std::size_t m = readMonthName(s, i);
    if (m == 0) {
        return 0;
    }
    std::size_t p = skipSpaces(s, i + m);
    int day = 0;
    const std::size_t d = readNumber(s, p, 2, day);
    if (d == 0 || day < 1 || day > 31) {
        return 0;
    }
    p += d;
    p += readOrdinalSuffix(s, p);
    if (p < s.size() && s[p] == ',') {
        ++p;
    }
    const std::size_t q = skipSpaces(s, p);
    if (q == p) {
        return 0;
    }
    const std::size_t y = readYear4(s, q);
    return y == 0 ? 0 : q + y - i;
}

std::size_t matchDate(std::string_view s, std::size_t i) {
    if (!atWordStart(s, i)) {
        return 0;
    }
    if (isDigit(s[i])) {
        const std::size_t n = matchNumericDate(s, i);
        return n != 0 ? n : matchDayMonthYear(s, i);
    }
    return isAlpha(s[i]) ? matchMonthDayYear(s, i) : 0;
}

bool nhsCheckDigitValid(const std::array<int, 10>& d) {
    int sum = 0;
    for (int k = 0; k < 9; ++k) {
        sum += d[static_cast<std::size_t>(k)] * (10 - k);
    }
    int check = 11 - sum % 11;
    if (check == 11) {
        check = 0;
    }
    return check != 10 && check == d[9];
}

std::size_t matchNhsNumber(std::string_view s, std::size_t i) {
    if (!atWordStart(s, i) || !isDigit(s[i]) || (i > 0 && s[i - 1] == '+') ||
        (i > 0 && s[i - 1] == '.' && !abbreviationDotBefore(s, i))) {
        return 0;
    }
    std::array<int, 10> digits{};
    std::size_t p = i;
    std::size_t count = 0;
    int sepKind = 0; // 0 none yet, 1 a space of any width, 2 a hyphen
    while (p < s.size() && count < 10) {
        if (isDigit(s[p])) {
            digits[count++] = s[p] - '0';
            ++p;
            continue;
        }
        // separators only between the 3-3-4 groups, and the same kind both times
        const std::size_t space = spaceAt(s, p);
        const std::size_t len = space != 0 ? space : (s[p] == '-' ? 1 : 0);
        const int kind = space != 0 ? 1 : 2;
        const bool groupBoundary = count == 3 || count == 6;
        if (len == 0 || !groupBoundary || (sepKind != 0 && sepKind != kind) ||
            (count == 6 && sepKind == 0) || p + len >= s.size() || !isDigit(s[p + len])) {
            break;
        }
        if (count == 3 && !isDigit(s[p - 1])) {
            break;
        }
        sepKind = kind;
        p += len;
    }
    if (count != 10 || !atWordEnd(s, p)) {
        return 0;
    }
    if (sepKind != 0) {
        // both separators must be there: "943 4765919" is not the shape
        std::size_t seps = 0;
        for (std::size_t k = i; k < p; ++k) {
            seps += !isDigit(s[k]) && (k == i || isDigit(s[k - 1]));
        }
        if (seps != 2) {
            return 0;
        }
    }
    // A longer digit sequence after it ("943 476 5919 2 weeks", a list of numbers) does not
    // make it any less an NHS number: the check digit decides.
    return nhsCheckDigitValid(digits) ? p - i : 0;
}

bool isPhoneSeparator(char c) {
    return c == ' ' || c == '-' || c == '(' || c == ')' || c == '.';
}

/// Checks the digits of a candidate number: UK numbers are 0 + 9 or 10 national digits, or
/// +44 / 0044 followed by those national digits (a "(0)" after +44 is tolerated).
bool validUkPhoneDigits(const std::string& digits, bool plus) {
    std::string national;
    if (plus) {
        if (digits.rfind("44", 0) != 0) {
            return false;
        }
        national = digits.substr(2);
        if (!national.empty() && national[0] == '0') {
            national = national.substr(1);
        }
    } else if (digits.rfind("0044", 0) == 0) {
        national = digits.substr(4);
    } else if (!digits.empty() && digits[0] == '0') {
        national = digits.substr(1);
    } else {
        return false;
    }
    if (national.size() != 9 && national.size() != 10) {
        return false;
    }
    const char lead = national[0];
    return lead == '1' || lead == '2' || lead == '3' || lead == '5' || lead == '7' || lead == '8';
}

/// Bytes of one phone-number separator at `i`: space (of any width), '-', '(', ')', '.'.
std::size_t phoneSeparatorAt(std::string_view s, std::size_t i) {
    if (std::size_t n = spaceAt(s, i)) {
        return n;
    }
    return i < s.size() && isPhoneSeparator(s[i]) ? 1 : 0;
}

std::size_t matchPhone(std::string_view s, std::size_t i) {
    if (!atWordStart(s, i) || (i > 0 && (s[i - 1] == '+' || s[i - 1] == '(')) ||
        (i > 0 && s[i - 1] == '.' && !abbreviationDotBefore(s, i))) {
        return 0;
    }
    std::size_t p = i;
    const bool plus = s[p] == '+';
    int depth = 0;
    if (plus) {
        ++p;
    } else if (s[p] == '(') {
        depth = 1;
        ++p;
    }
    if (p >= s.size() || !isDigit(s[p])) {
        return 0;
    }
    // Alternate digit groups and short separator runs; every group end that closes a valid
    // number is a candidate, and the longest one wins ("07700 900123 3 times" stops at 123).
    std::string digits;
    std::size_t best = 0;
    while (p < s.size()) {
        const std::size_t groupStart = p;
        while (p < s.size() && isDigit(s[p])) {
            digits.push_back(s[p++]);
        }
        // a lone digit is a group only as the "(0)" of "+44 (0)20 ..."
        if (p - groupStart == 1 &&
            !(groupStart > 0 && s[groupStart - 1] == '(' && p < s.size() && s[p] == ')')) {
            break;
        }
        if (digits.size() > 15) {
            break;
        }
        if (depth == 0 && atWordEnd(s, p) && validUkPhoneDigits(digits, plus)) {
            best = p - i;
        }
        std::size_t sep = 0;
        for (int run = 0; run < 3; ++run) {
            const std::size_t n = phoneSeparatorAt(s, p + sep);
            if (n == 0) {
                break;
            }
            depth += s[p + sep] == '(' ? 1 : (s[p + sep] == ')' ? -1 : 0);
            sep += n;
        }
        if (sep == 0 || depth < 0 || depth > 1 || p + sep >= s.size() || !isDigit(s[p + sep])) {
            break;
        }
        p += sep;
    }
    return best;
}

bool isPostcodeInwardLetter(char c) {
    const char u = upper(c);
    return isAlpha(c) && u != 'C' && u != 'I' && u != 'K' && u != 'M' && u != 'O' && u != 'V';
}

std::size_t matchPostcode(std::string_view s, std::size_t i) {
    if (!atWordStart(s, i) || !isAlpha(s[i])) {
        return 0;
    }
    const char first = upper(s[i]);
    if (first == 'Q' || first == 'V' || first == 'X') {
        return 0;
    }
    std::size_t p = i + 1;
    if (p < s.size() && isAlpha(s[p])) {
        const char second = upper(s[p]);
        if (second == 'I' || second == 'J' || second == 'Z') {
            return 0;
        }
        ++p;
    }
    if (p >= s.size() || !isDigit(s[p])) {
        return 0;
    }
    ++p;
    // outward code may end with a second digit or a letter (A9A, AA9A, A99, AA99)
    const std::size_t outwardEnd = p;
    std::size_t candidates[2] = {outwardEnd, 0};
    if (p < s.size() && (isDigit(s[p]) || isAlpha(s[p]))) {
        candidates[1] = p + 1;
    }
    for (const std::size_t out : candidates) {
        if (out == 0) {
            continue;
        }
        std::size_t q = out;
        const bool spaced = q < s.size() && s[q] == ' ';
        if (spaced) {
            ++q;
        }
        if (q + 3 > s.size() || !isDigit(s[q]) || !isPostcodeInwardLetter(s[q + 1]) ||
            !isPostcodeInwardLetter(s[q + 2]) || !atWordEnd(s, q + 3)) {
            continue;
        }
        // "ward C4 5th floor": an ordinal is not an inward code
        if (readOrdinalSuffix(s, q + 1) != 0 &&
            std::islower(static_cast<unsigned char>(s[q + 1]))) {
            continue;
        }
        return q + 3 - i;
    }
    return 0;
}

// [SECTION] the pass driver

using Matcher = std::size_t (*)(std::string_view, std::size_t);

/// Replaces every match of `matcher` (scanning left to right, never overlapping) by `token`.
std::string runPass(std::string_view text, Matcher matcher, std::string_view token, int& count) {
    std::string out;
    out.reserve(text.size());
    bool afterToken = false;
    for (std::size_t i = 0; i < text.size();) {
        // identifiers start on a code point, never inside a multi-byte letter; right after a
        // replacement the text reads as it will on a second pass (a token, not the letters it
        // replaced, stands before it), which keeps redaction idempotent
        const bool continuation = (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
        const std::size_t n = continuation ? 0
                              : afterToken ? matcher(text.substr(i), 0)
                                           : matcher(text, i);
        afterToken = n != 0;
        if (n == 0) {
            out.push_back(text[i]);
            ++i;
            continue;
        }
        out.append(token);
        ++count;
        i += n;
    }
    return out;
}

} // namespace

namespace {

std::string redactOnce(std::string_view text, RedactionCounts& c) {
    // Every identifier but an email holds a digit, and an email an '@': most comments have
    // neither and need no pass at all.
    const bool hasAt = text.find('@') != std::string_view::npos;
    const bool hasDigit = text.find_first_of("0123456789") != std::string_view::npos;
    std::string out(text);
    if (hasAt) {
        out = runPass(out, matchEmail, "[email]", c.emails);
    }
    if (!hasDigit) {
        return redactNames(out, c.names);
    }
    // Order matters: an email may hold digits, a date may look like a phone number's groups.
    out = runPass(out, matchDate, "[date]", c.dates);
    out = runPass(out, matchNhsNumber, "[nhs-number]", c.nhsNumbers);
    out = runPass(out, matchPhone, "[phone]", c.phones);
    out = runPass(out, matchPostcode, "[postcode]", c.postcodes);
    return redactNames(out, c.names);
}

} // namespace

std::string redact(std::string_view text, RedactionCounts* counts) {
    RedactionCounts local;
    RedactionCounts& total = counts != nullptr ? *counts : local;
    total = RedactionCounts{};
    // The passes see each other's tokens: a postcode replaced may end an address's domain
    // earlier, making it an address. Running the whole pipeline again until nothing changes
    // makes redaction idempotent; each round that changes anything replaces letters or digits
    // with tokens, which nothing matches, so it stops (text with nothing to redact: one round).
    std::string current(text);
    for (int round = 0; round < 8; ++round) {
        RedactionCounts c;
        std::string next = redactOnce(current, c);
        total.emails += c.emails;
        total.phones += c.phones;
        total.nhsNumbers += c.nhsNumbers;
        total.postcodes += c.postcodes;
        total.dates += c.dates;
        total.names += c.names;
        if (c.total() == 0) {
            break;
        }
        current = std::move(next);
    }
    return current;
}

} // namespace wardvoice::common
