// Reads one HTTP/1.1 request's head and body off a connection's bytes, with hard limits,
// before anything else sees it: the front door's framing rules (pure logic, no sockets).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace wardvoice::aggregator {

struct FrameLimits {
    std::size_t maxHeadBytes = 16 * 1024; ///< request line + headers (and chunked trailers)
    std::size_t maxHeaders = 100;
    std::size_t maxBodyBytes = 1024 * 1024; ///< after chunked decoding
    std::size_t maxTargetBytes = 8192;      ///< the request target (path and query)
};

/// Why a request was refused before it reached a handler: the status and a JSON error code.
struct FrameRefusal {
    int status = 400;
    std::string code;
    std::string detail;
};

/// Incremental: call advance() with the whole buffered input each time more arrives; it
/// resumes where it stopped, so a request trickling in byte by byte costs linear time.
/// A body is never held beyond maxBodyBytes: the declared length or chunk size is checked
/// before its bytes are waited for.
class RequestFramer {
public:
    enum class State { NeedMore, Ready, Refused };

    explicit RequestFramer(FrameLimits limits = {}) : m_limits(limits) {}

    State advance(std::string_view input);

    /// True once the head is in and says `Expect: 100-continue` and the body is not yet.
    bool wantsContinue() const { return m_expectContinue && m_headEnd != 0 && !m_continueSent; }
    void continueSent() { m_continueSent = true; }

    /// After Ready: the request as the router reads it: the head with one Content-Length
    /// (Transfer-Encoding and Expect removed) followed by the decoded body.
    const std::string& request() const { return m_request; }
    /// After Ready: how many bytes of the input this request took (pipelined bytes follow).
    std::size_t consumed() const { return m_consumed; }
    /// After Refused.
    const FrameRefusal& refusal() const { return m_refusal; }
    /// Whether any byte of a request has arrived (an idle keep-alive connection has none).
    bool started() const { return m_started; }

    void reset();

private:
    State refuse(int status, std::string code, std::string detail);
    State parseHead(std::string_view head);
    State readChunks(std::string_view input);

    FrameLimits m_limits;
    State m_state = State::NeedMore;
    bool m_started = false;
    std::size_t m_skip = 0;    ///< empty lines before the request line
    std::size_t m_scanned = 0; ///< how far the search for the end of the head has got
    std::size_t m_headEnd = 0; ///< offset just past the blank line; 0 while the head is open
    std::string m_normalHead;  ///< request line and kept headers, without the blank line
    bool m_chunked = false;
    std::size_t m_contentLength = 0;
    bool m_expectContinue = false;
    bool m_continueSent = false;
    std::size_t m_chunkPos = 0; ///< where the next chunk's size line starts
    std::size_t m_trailerBytes = 0;
    bool m_inTrailers = false;
    std::string m_body;
    std::string m_request;
    std::size_t m_consumed = 0;
    FrameRefusal m_refusal;
};

} // namespace wardvoice::aggregator
