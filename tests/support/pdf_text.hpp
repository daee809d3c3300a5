// The text of a PDF, as a person would copy it, through poppler's pdftotext.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>

namespace wardvoice::testing {

/// The text of a PDF through poppler's pdftotext; empty (and the test says so) without it.
inline std::string pdfText(const std::string& pdf) {
    if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) {
        std::fprintf(stderr, "pdftotext is not installed (poppler-utils): PDF text not checked\n");
        return {};
    }
    const auto path =
        std::filesystem::temp_directory_path() / ("wv_pdf_" + std::to_string(::getpid()) + ".pdf");
    {
        std::ofstream out(path, std::ios::binary);
        out << pdf;
    }
    std::string text;
    if (FILE* p = ::popen(("pdftotext -layout " + path.string() + " - 2>&1").c_str(), "r")) {
        char buf[4096];
        std::size_t n = 0;
        while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) {
            text.append(buf, n);
        }
        ::pclose(p);
    }
    std::filesystem::remove(path);
    EXPECT_FALSE(text.empty()) << "pdftotext read nothing";
    return text;
}

/// pdfText with every run of white space (line and page breaks too) made one space, so a
/// sentence wrapped across lines can be found whole.
inline std::string pdfFlatText(const std::string& pdf) {
    std::string flat;
    for (const char c : pdfText(pdf)) {
        const bool space = c == ' ' || c == '\n' || c == '\f' || c == '\r' || c == '\t';
        if (!space) {
            flat += c;
        } else if (!flat.empty() && flat.back() != ' ') {
            flat += ' ';
        }
    }
    return flat;
}

} // namespace wardvoice::testing
