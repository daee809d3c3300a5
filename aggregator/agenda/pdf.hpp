// PDF documents of flowing text on A4 (Cairo's PDF surface, Pango for shaping and wrapping, so
// every language's letters come out right): what the agenda exports and posters are made of.
#pragma once

#include "common/result.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace wardvoice::aggregator {

class PdfDocument {
public:
    /// An empty A4 document titled `title` (its metadata and the running footer).
    explicit PdfDocument(const std::string& title);
    ~PdfDocument();
    PdfDocument(const PdfDocument&) = delete;
    PdfDocument& operator=(const PdfDocument&) = delete;

    /// Text is plain (never markup); it wraps at the margins and breaks across pages.
    void heading(std::string_view text, int level = 1);
    void paragraph(std::string_view text);
    /// A bold label and its value on one line ("Owner: Matron, ward 7").
    void field(std::string_view label, std::string_view value);
    /// A quoted comment: indented, with a bar on its left.
    void quote(std::string_view text);
    void muted(std::string_view text);
    /// A thin line across the page, with space around it.
    void rule();

    /// Ends the document and returns its bytes; the document takes nothing more afterwards.
    common::Result<std::string> finish();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace wardvoice::aggregator
