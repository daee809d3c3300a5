// Volunteers for the patient and carer panel, on the kiosk: a record typed on the screen is
// sealed to the aggregator's panel key before it reaches the outbox, and given a random send
// time so that it cannot be paired with the feedback sent just before it.
#pragma once

#include "kiosk/outbox.hpp"

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace wardvoice::kiosk {

class SealingVolunteerSink final : public VolunteerSink {
public:
    /// Records leave between `minDelayS` and `maxDelayS` after they are stored; `clock` gives
    /// Unix seconds.
    SealingVolunteerSink(Outbox& outbox, int minDelayS, int maxDelayS,
                         std::function<std::int64_t()> clock);

    /// The key to seal to (base64 of 32 bytes), or none: then nothing can be stored.
    void setKey(std::optional<std::string> publicKeyBase64);
    bool hasKey() const;

    common::Status storeVolunteer(const std::string& plainJson) override;

private:
    Outbox& m_outbox;
    int m_minDelayS;
    int m_maxDelayS;
    std::function<std::int64_t()> m_clock;
    mutable std::mutex m_mutex;
    std::optional<std::string> m_key; ///< raw 32 bytes
};

} // namespace wardvoice::kiosk
