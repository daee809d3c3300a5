// What a kiosk does to a volunteer's details, for the browser tests (which sign requests in
// node but have no libsodium): seals standard input to the base64 public key given as the only
// argument (common/sealed_box, crypto_box_seal) and prints the sealed box in base64.
#include "common/sealed_box.hpp"

#include <iostream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
    using namespace wardvoice::common;
    if (argc != 2) {
        std::cerr << "usage: seal_volunteer PUBLIC_KEY_BASE64 < plaintext\n";
        return 2;
    }
    auto key = publicKeyFromBase64(argv[1]);
    if (!key) {
        std::cerr << key.error().message << "\n";
        return 1;
    }
    const std::string plain((std::istreambuf_iterator<char>(std::cin)),
                            std::istreambuf_iterator<char>());
    auto sealed = sealTo(key.value(), plain);
    if (!sealed) {
        std::cerr << sealed.error().message << "\n";
        return 1;
    }
    std::cout << toBase64(sealed.value()) << "\n";
    return 0;
}
