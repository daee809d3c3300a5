// Test helper: one signed kiosk upload to POST /api/v1/submissions on 127.0.0.1:<port>.
#pragma once

#include "aggregator/store/store.hpp"
#include "common/signing.hpp"
#include "common/timeutil.hpp"

#include <httplib.h>
#include <string>

namespace wardvoice::testing {

/// On a client of the caller's (kept alive between uploads).
inline httplib::Result postSigned(httplib::Client& client, const aggregator::KioskRecord& kiosk,
                                  const std::string& body) {
    const std::int64_t ts = common::nowUnix();
    httplib::Headers headers = {
        {common::kHeaderKiosk, kiosk.kioskId},
        {common::kHeaderTimestamp, std::to_string(ts)},
        {common::kHeaderSignature,
         common::signRequest(kiosk.secret, ts, "POST", "/api/v1/submissions", body)}};
    return client.Post("/api/v1/submissions", headers, body, "application/json");
}

inline httplib::Result postSigned(int port, const aggregator::KioskRecord& kiosk,
                                  const std::string& body) {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
    return postSigned(client, kiosk, body);
}

} // namespace wardvoice::testing
