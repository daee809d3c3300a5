// The UTF-8 cleaner: its output is valid, clean (normalising it again changes nothing), and
// the character helpers agree with it.
#include "common/utf8.hpp"
#include "fuzz_check.hpp"

#include <cstdint>
#include <string_view>

using namespace wardvoice::common;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    const bool valid = utf8::isValid(raw);
    auto clean = utf8::normalise(raw);
    FUZZ_CHECK(clean.ok() == valid);
    for (std::size_t i = 0; i < raw.size();) {
        std::size_t len = 0;
        (void)utf8::codePointAt(raw, i, len);
        FUZZ_CHECK(len >= 1 && len <= 4);
        i += len;
    }
    if (!clean) {
        return 0;
    }
    const std::string& out = clean.value();
    FUZZ_CHECK(utf8::isValid(out));
    FUZZ_CHECK(out.size() <= raw.size() + raw.size() / 2 + 1);
    auto again = utf8::normalise(out);
    FUZZ_CHECK(again.ok() && again.value() == out);
    auto decoded = utf8::decode(out);
    FUZZ_CHECK(decoded.ok() && decoded->size() == utf8::length(out));
    std::string encoded;
    for (const char32_t cp : decoded.value()) {
        utf8::append(encoded, cp);
    }
    FUZZ_CHECK(encoded == out);
    const std::size_t half = utf8::prefixBytes(out, utf8::length(out) / 2);
    FUZZ_CHECK(utf8::isValid(std::string_view(out).substr(0, half)));
    if (!out.empty()) {
        FUZZ_CHECK(utf8::isValid(std::string_view(out).substr(0, utf8::lastCharStart(out))));
    }
    return 0;
}
