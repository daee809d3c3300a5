// The front door's framing rules: limits hold however a body is framed, ambiguity is refused.
#include "aggregator/api/request_framer.hpp"

#include <gtest/gtest.h>
#include <string>

namespace wardvoice::aggregator {
namespace {

using State = RequestFramer::State;

State frameAll(RequestFramer& f, const std::string& input) {
    return f.advance(input);
}

/// Feeds `input` one byte at a time, as a trickling client would.
State frameTrickled(RequestFramer& f, const std::string& input) {
    State s = State::NeedMore;
    for (std::size_t i = 1; i <= input.size() && s == State::NeedMore; ++i) {
        s = f.advance(std::string_view(input).substr(0, i));
    }
    return s;
}

TEST(RequestFramer, ContentLengthBodyIsPassedOnWithOneLength) {
    RequestFramer f;
    const std::string req = "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                            "Content-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\n";
    ASSERT_EQ(frameAll(f, req), State::Ready);
    EXPECT_EQ(f.request(),
              "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
    EXPECT_EQ(req.substr(f.consumed()), "GET / HTTP/1.1\r\n"); // the pipelined next request
}

TEST(RequestFramer, ChunkedBodyIsDecodedTheSameWhetherWholeOrTrickled) {
    const std::string req = "POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\n"
                            "Transfer-Encoding: chunked\r\n\r\n"
                            "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n";
    RequestFramer whole;
    ASSERT_EQ(frameAll(whole, req), State::Ready);
    EXPECT_EQ(whole.request(),
              "POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n"
              "hello world");
    EXPECT_EQ(whole.consumed(), req.size());
    RequestFramer trickled;
    ASSERT_EQ(frameTrickled(trickled, req), State::Ready);
    EXPECT_EQ(trickled.request(), whole.request());
}

TEST(RequestFramer, ChunkedBodyOverTheLimitIsRefusedAtTheSizeLineBeforeItsBytes) {
    FrameLimits limits;
    limits.maxBodyBytes = 1024 * 1024;
    RequestFramer f(limits);
    std::string req =
        "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    req += "100000\r\n" + std::string(0x100000, 'a') + "\r\n"; // exactly 1 MiB: fine so far
    EXPECT_EQ(frameAll(f, req), State::NeedMore);
    req += "1\r\n"; // one more byte announced: refused before the byte arrives
    ASSERT_EQ(frameAll(f, req), State::Refused);
    EXPECT_EQ(f.refusal().status, 413);
    EXPECT_EQ(f.refusal().code, "payload_too_large");

    RequestFramer huge(limits);
    ASSERT_EQ(frameAll(huge, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffff\r\n"),
              State::Refused);
    EXPECT_EQ(huge.refusal().status, 413);
}

TEST(RequestFramer, DeclaredLengthOverTheLimitIsRefusedAtOnce) {
    RequestFramer f;
    ASSERT_EQ(frameAll(f, "POST / HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n"), State::Refused);
    EXPECT_EQ(f.refusal().status, 413);
}

TEST(RequestFramer, AmbiguousFramingIsA400) {
    struct Case {
        const char* head;
        int status;
        const char* code;
    };
    const Case cases[] = {
        {"POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400,
         "ambiguous_framing"},
        {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400,
         "ambiguous_framing"},
        {"POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400,
         "conflicting_content_length"},
        {"POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n", 400, "bad_content_length"},
        {"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400, "bad_content_length"},
        {"POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501,
         "unsupported_transfer_encoding"},
        {"POST / HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: 1\r\n\r\n", 415,
         "unsupported_content_encoding"},
        {"POST / HTTP/1.1\r\nExpect: something\r\n\r\n", 417, "expectation_failed"},
        {"GET / HTTP/1.1\r\n folded: yes\r\n\r\n", 400, "bad_header"},
        {"GET / HTTP/1.1\r\nNo colon here\r\n\r\n", 400, "bad_header"},
        {"GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", 400, "bad_header"},
        {"GET / HTTP/1.1\r\nX: a\x01z\r\n\r\n", 400, "bad_header"},
        {"GET /\x7f HTTP/1.1\r\n\r\n", 400, "bad_request_line"},
        {"GET  / HTTP/1.1\r\n\r\n", 400, "bad_request_line"},
        {"GET / HTTP/2.0\r\n\r\n", 505, "http_version_not_supported"},
        {"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400, "ambiguous_framing"},
    };
    for (const Case& c : cases) {
        RequestFramer f;
        ASSERT_EQ(frameAll(f, c.head), State::Refused) << c.head;
        EXPECT_EQ(f.refusal().status, c.status) << c.head;
        EXPECT_EQ(f.refusal().code, c.code) << c.head;
    }
}

TEST(RequestFramer, NulInsideAHeaderValueIsRefused) {
    RequestFramer f;
    const std::string req = std::string("GET / HTTP/1.1\r\nX: a") + '\0' + "b\r\n\r\n";
    ASSERT_EQ(frameAll(f, req), State::Refused);
    EXPECT_EQ(f.refusal().status, 400);
}

TEST(RequestFramer, MoreThan100HeadersOr16KiBOfHeadIsA431) {
    std::string many = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 100; ++i) {
        many += "X-" + std::to_string(i) + ": v\r\n";
    }
    RequestFramer hundred;
    EXPECT_EQ(frameAll(hundred, many + "\r\n"), State::Ready);
    RequestFramer tooMany;
    ASSERT_EQ(frameAll(tooMany, many + "X-100: v\r\n\r\n"), State::Refused);
    EXPECT_EQ(tooMany.refusal().status, 431);
    EXPECT_EQ(tooMany.refusal().code, "too_many_headers");

    // A head with no end yet is refused as soon as it passes 16 KiB, not when it ends.
    RequestFramer endless;
    const std::string big = "GET / HTTP/1.1\r\nX-Big: " + std::string(16 * 1024, 'a');
    ASSERT_EQ(frameAll(endless, big), State::Refused);
    EXPECT_EQ(endless.refusal().status, 431);
    RequestFramer justUnder;
    const std::string line = "GET / HTTP/1.1\r\n";
    const std::string fits =
        line + "X: " + std::string(16 * 1024 - line.size() - 7, 'a') + "\r\n\r\n";
    ASSERT_EQ(fits.size(), 16u * 1024u);
    EXPECT_EQ(frameAll(justUnder, fits), State::Ready);
}

TEST(RequestFramer, ExpectContinueIsAskedForOnceTheHeadIsIn) {
    RequestFramer f;
    EXPECT_EQ(frameAll(f, "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"),
              State::NeedMore);
    EXPECT_TRUE(f.wantsContinue());
    f.continueSent();
    EXPECT_FALSE(f.wantsContinue());
    ASSERT_EQ(frameAll(f, "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok"),
              State::Ready);
    EXPECT_EQ(f.request().find("Expect"), std::string::npos);
}

TEST(RequestFramer, BadChunksAreRefused) {
    const std::string head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (const std::string& body :
         {std::string("zz\r\n"), std::string("3\r\nabcX\r\n"), "1;" + std::string(5000, 'x')}) {
        RequestFramer f;
        ASSERT_EQ(frameAll(f, head + body), State::Refused) << body.substr(0, 20);
        EXPECT_EQ(f.refusal().code, "bad_chunk");
    }
}

TEST(RequestFramer, LeadingEmptyLinesAreSkippedButNotForever) {
    RequestFramer f;
    EXPECT_EQ(frameAll(f, "\r\n\r\nGET / HTTP/1.1\r\n\r\n"), State::Ready);
    EXPECT_EQ(f.request(), "GET / HTTP/1.1\r\n\r\n");
    RequestFramer idle;
    EXPECT_EQ(frameAll(idle, "\r\n"), State::NeedMore);
    EXPECT_FALSE(idle.started());
    RequestFramer flood;
    EXPECT_EQ(frameAll(flood, std::string(200, '\n')), State::Refused);
}

} // namespace
} // namespace wardvoice::aggregator
