// The administrator's way out of the kiosk: hold the top-left corner for 5 s, then type the
// PIN whose SHA-256 is in the config. Pure logic; the window feeds it presses and digits.
#pragma once

#include <string>

namespace wardvoice::kiosk {

class AdminGate {
public:
    static constexpr double kHoldS = 5.0;
    static constexpr int kMaxFailures = 3;
    static constexpr double kLockoutS = 60.0;

    /// `pinSha256` empty disables the gate (the kiosk then stops only by its service manager).
    explicit AdminGate(std::string pinSha256) : m_pinSha256(std::move(pinSha256)) {}

    /// Feeds whether the corner is pressed right now; opens the PIN pad after a 5 s hold.
    void update(bool cornerPressed, double now);
    bool pinPadOpen() const { return m_open; }
    /// Seconds the corner has been held (for a progress hint), 0 when not held.
    double heldFor(double now) const { return m_holding ? now - m_holdStart : 0.0; }

    void typeDigit(char digit);
    void erase();
    void cancel();
    /// Checks the PIN typed so far; true means exit. Wrong PINs count towards a lockout.
    bool submit(double now);
    bool lockedOut(double now) const { return now < m_lockedUntil; }
    std::size_t typedLength() const { return m_pin.size(); }
    bool lastAttemptFailed() const { return m_lastFailed; }

private:
    std::string m_pinSha256;
    std::string m_pin;
    bool m_holding = false;
    double m_holdStart = 0;
    bool m_open = false;
    bool m_lastFailed = false;
    int m_failures = 0;
    double m_lockedUntil = 0;
};

} // namespace wardvoice::kiosk
