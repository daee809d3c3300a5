// The redactor: idempotent on any normalised comment, and it never grows an identifier back.
#include "common/redact.hpp"
#include "common/utf8.hpp"
#include "fuzz_check.hpp"

#include <cstdint>
#include <string_view>

using namespace wardvoice::common;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    (void)redact(raw); // any bytes: no crash, no hang
    auto text = utf8::normalise(raw);
    if (!text) {
        return 0;
    }
    RedactionCounts first;
    const std::string once = redact(text.value(), &first);
    FUZZ_CHECK(utf8::isValid(once));
    RedactionCounts second;
    const std::string twice = redact(once, &second);
    FUZZ_CHECK(twice == once);
    FUZZ_CHECK(second.total() == 0);
    return 0;
}
