// The kiosk config loader: any file is loaded or refused with a message naming it; never a
// crash, an assertion or an exception (toml++ asserted on some 2-byte files).
#include "fuzz_check.hpp"
#include "kiosk/config.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto config = wardvoice::kiosk::parseConfig(text, "kiosk.toml");
    if (!config) {
        FUZZ_CHECK(config.error().message.rfind("kiosk.toml", 0) == 0);
    }
    return 0;
}
