// Volunteers for the patient and carer panel, on the kiosk (see volunteers.hpp).
#include "kiosk/volunteers.hpp"

#include "common/sealed_box.hpp"
#include "common/uuid.hpp"

#include <random>

namespace wardvoice::kiosk {

SealingVolunteerSink::SealingVolunteerSink(Outbox& outbox, int minDelayS, int maxDelayS,
                                           std::function<std::int64_t()> clock)
    : m_outbox(outbox), m_minDelayS(minDelayS), m_maxDelayS(std::max(minDelayS, maxDelayS)),
      m_clock(std::move(clock)) {}

void SealingVolunteerSink::setKey(std::optional<std::string> publicKeyBase64) {
    std::optional<std::string> raw;
    if (publicKeyBase64) {
        if (auto key = common::publicKeyFromBase64(*publicKeyBase64)) {
            raw = std::move(key).value();
        }
    }
    std::lock_guard lock(m_mutex);
    m_key = std::move(raw);
}

bool SealingVolunteerSink::hasKey() const {
    std::lock_guard lock(m_mutex);
    return m_key.has_value();
}

common::Status SealingVolunteerSink::storeVolunteer(const std::string& plainJson) {
    std::optional<std::string> key;
    {
        std::lock_guard lock(m_mutex);
        key = m_key;
    }
    if (!key) {
        return common::makeError("no_panel_key", "no panel key to seal the record to");
    }
    auto sealed = common::sealTo(*key, plainJson);
    if (!sealed) {
        return sealed.error();
    }
    // a random send time from the operating system's CSPRNG: nothing to guess it from
    std::random_device entropy;
    std::uniform_int_distribution<std::int64_t> delay(m_minDelayS, m_maxDelayS);
    SealedVolunteer v;
    v.id = common::newRandomUuid(); // version 4: a v7 id would carry the time it was typed
    v.sealed = common::toBase64(sealed.value());
    v.sendAfter = m_clock() + delay(entropy);
    return m_outbox.storeVolunteer(v);
}

} // namespace wardvoice::kiosk
