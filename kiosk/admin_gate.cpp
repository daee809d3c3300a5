// The administrator's way out of the kiosk.
#include "kiosk/admin_gate.hpp"

#include "common/signing.hpp"

#include <cctype>

namespace wardvoice::kiosk {

void AdminGate::update(bool cornerPressed, double now) {
    if (m_pinSha256.empty() || m_open || lockedOut(now)) {
        m_holding = false;
        return;
    }
    if (!cornerPressed) {
        m_holding = false;
        return;
    }
    if (!m_holding) {
        m_holding = true;
        m_holdStart = now;
    }
    if (now - m_holdStart >= kHoldS) {
        m_open = true;
        m_holding = false;
        m_pin.clear();
        m_lastFailed = false;
    }
}

void AdminGate::typeDigit(char digit) {
    if (m_open && std::isdigit(static_cast<unsigned char>(digit)) != 0 && m_pin.size() < 12) {
        m_pin.push_back(digit);
    }
}

void AdminGate::erase() {
    if (!m_pin.empty()) {
        m_pin.pop_back();
    }
}

void AdminGate::cancel() {
    m_open = false;
    m_pin.assign(m_pin.size(), '\0'); // do not leave the PIN in memory
    m_pin.clear();
}

bool AdminGate::submit(double now) {
    if (!m_open || lockedOut(now)) {
        return false;
    }
    const bool ok = common::signaturesEqual(common::sha256Hex(m_pin), m_pinSha256);
    cancel();
    m_lastFailed = !ok;
    if (ok) {
        m_failures = 0;
        return true;
    }
    if (++m_failures >= kMaxFailures) {
        m_failures = 0;
        m_lockedUntil = now + kLockoutS;
    }
    return false;
}

} // namespace wardvoice::kiosk
