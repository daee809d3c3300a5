// The administrator exit: a 5 s corner hold opens the PIN pad; only the right PIN exits.
#include "common/signing.hpp"
#include "kiosk/admin_gate.hpp"

#include <gtest/gtest.h>

namespace wardvoice::kiosk {
namespace {

AdminGate gateFor(const std::string& pin) {
    return AdminGate(common::sha256Hex(pin));
}

void typePin(AdminGate& g, const std::string& pin) {
    for (const char c : pin) {
        g.typeDigit(c);
    }
}

TEST(AdminGate, OpensOnlyAfterAnUnbrokenFiveSecondHold) {
    AdminGate g = gateFor("2468");
    g.update(true, 0.0);
    g.update(true, 4.9);
    EXPECT_FALSE(g.pinPadOpen());
    g.update(false, 5.0); // let go: start again
    g.update(true, 6.0);
    g.update(true, 10.9);
    EXPECT_FALSE(g.pinPadOpen());
    g.update(true, 11.0);
    EXPECT_TRUE(g.pinPadOpen());
}

TEST(AdminGate, RightPinExitsWrongPinDoesNot) {
    AdminGate g = gateFor("2468");
    g.update(true, 0);
    g.update(true, 5);
    typePin(g, "1357");
    EXPECT_FALSE(g.submit(6));
    EXPECT_TRUE(g.lastAttemptFailed());
    EXPECT_FALSE(g.pinPadOpen());
    g.update(true, 7);
    g.update(true, 12);
    typePin(g, "24689");
    g.erase();
    EXPECT_EQ(g.typedLength(), 4u);
    EXPECT_TRUE(g.submit(13));
}

TEST(AdminGate, ThreeWrongPinsLockItForAMinute) {
    AdminGate g = gateFor("2468");
    double t = 0;
    for (int i = 0; i < 3; ++i) {
        g.update(true, t);
        g.update(true, t + 5);
        typePin(g, "0000");
        EXPECT_FALSE(g.submit(t + 6));
        t += 10;
    }
    EXPECT_TRUE(g.lockedOut(t));
    g.update(true, t);
    g.update(true, t + 5);
    EXPECT_FALSE(g.pinPadOpen()); // holding does nothing while locked
    g.update(true, t + 60);
    g.update(true, t + 65);
    EXPECT_TRUE(g.pinPadOpen());
    typePin(g, "2468");
    EXPECT_TRUE(g.submit(t + 66));
}

TEST(AdminGate, NoPinConfiguredMeansNoWayOut) {
    AdminGate g("");
    g.update(true, 0);
    g.update(true, 100);
    EXPECT_FALSE(g.pinPadOpen());
    EXPECT_FALSE(g.submit(101));
}

TEST(AdminGate, OnlyDigitsAreTyped) {
    AdminGate g = gateFor("12");
    g.update(true, 0);
    g.update(true, 5);
    g.typeDigit('1');
    g.typeDigit('a');
    g.typeDigit('2');
    EXPECT_EQ(g.typedLength(), 2u);
    EXPECT_TRUE(g.submit(6));
}

} // namespace
} // namespace wardvoice::kiosk
