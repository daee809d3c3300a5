// PDF documents of flowing text (see pdf.hpp).
#include "aggregator/agenda/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

namespace wardvoice::aggregator {

namespace {

// A4 in points, 20 mm margins, a footer line below the text.
constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56.7;
constexpr double kFooter = 28.0;

cairo_status_t appendBytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

struct Style {
    double size = 11;
    bool bold = false;
    bool italic = false;
    double indent = 0;
    double grey = 0.07; ///< text colour (0 black)
    double before = 0;  ///< space above, points
    double after = 5;   ///< space below
    bool keepWithNext = false;
};

} // namespace

struct PdfDocument::Impl {
    std::string bytes;
    std::string title;
    cairo_surface_t* surface = nullptr;
    cairo_t* cr = nullptr;
    double y = kMargin;
    int page = 1;
    bool finished = false;

    double bottom() const { return kPageHeight - kMargin - kFooter; }

    void footer() {
        PangoLayout* layout = pango_cairo_create_layout(cr);
        PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans 8");
        pango_layout_set_font_description(layout, font);
        const std::string text = title + " \u00b7 page " + std::to_string(page);
        pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
        cairo_move_to(cr, kMargin, kPageHeight - kMargin);
        pango_cairo_show_layout(cr, layout);
        pango_font_description_free(font);
        g_object_unref(layout);
    }

    void newPage() {
        footer();
        cairo_show_page(cr);
        ++page;
        y = kMargin;
    }

    /// Lays `text` out in `style` (its first `boldBytes` bytes bold) and draws it line by
    /// line, breaking pages between lines; `bar` marks it on the left as a quotation.
    void text(std::string_view text, const Style& style, bool bar = false,
              std::size_t boldBytes = 0) {
        if (finished) {
            return;
        }
        PangoLayout* layout = pango_cairo_create_layout(cr);
        PangoFontDescription* font = pango_font_description_new();
        pango_font_description_set_family(font, "DejaVu Sans");
        pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
        pango_font_description_set_weight(font,
                                          style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_style(font,
                                         style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
        pango_layout_set_font_description(layout, font);
        pango_layout_set_width(
            layout, static_cast<int>((kPageWidth - 2 * kMargin - style.indent) * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
        PangoAttrList* attrs = nullptr;
        if (boldBytes > 0) {
            attrs = pango_attr_list_new();
            PangoAttribute* bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
            bold->start_index = 0;
            bold->end_index = static_cast<guint>(boldBytes);
            pango_attr_list_insert(attrs, bold);
            pango_layout_set_attributes(layout, attrs);
        }
        int width = 0;
        int height = 0;
        pango_layout_get_size(layout, &width, &height);
        const double total = static_cast<double>(height) / PANGO_SCALE;
        y += style.before;
        // a heading is never the last thing on a page
        if (style.keepWithNext && y + total + 3 * style.size > bottom()) {
            newPage();
        }
        cairo_set_source_rgb(cr, style.grey, style.grey, style.grey);
        PangoLayoutIter* iter = pango_layout_get_iter(layout);
        double drawnFrom = y;
        do {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(iter, nullptr, &logical);
            const double lineHeight = static_cast<double>(logical.height) / PANGO_SCALE;
            const double baseline =
                static_cast<double>(pango_layout_iter_get_baseline(iter) - logical.y) / PANGO_SCALE;
            if (y + lineHeight > bottom()) {
                if (bar) {
                    drawBar(drawnFrom, y, style.indent);
                }
                newPage();
                drawnFrom = y;
                cairo_set_source_rgb(cr, style.grey, style.grey, style.grey);
            }
            cairo_move_to(cr, kMargin + style.indent, y + baseline);
            pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(iter));
            y += lineHeight;
        } while (pango_layout_iter_next_line(iter));
        pango_layout_iter_free(iter);
        if (bar) {
            drawBar(drawnFrom, y, style.indent);
        }
        y += style.after;
        if (attrs != nullptr) {
            pango_attr_list_unref(attrs);
        }
        pango_font_description_free(font);
        g_object_unref(layout);
    }

    void drawBar(double from, double to, double indent) {
        cairo_save(cr);
        cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
        cairo_set_line_width(cr, 2.5);
        cairo_move_to(cr, kMargin + indent - 8, from);
        cairo_line_to(cr, kMargin + indent - 8, to);
        cairo_stroke(cr);
        cairo_restore(cr);
    }
};

PdfDocument::PdfDocument(const std::string& title) : m_impl(std::make_unique<Impl>()) {
    m_impl->title = title;
    m_impl->surface =
        cairo_pdf_surface_create_for_stream(appendBytes, &m_impl->bytes, kPageWidth, kPageHeight);
    cairo_pdf_surface_set_metadata(m_impl->surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(m_impl->surface, CAIRO_PDF_METADATA_CREATOR, "WardVoice");
    m_impl->cr = cairo_create(m_impl->surface);
}

PdfDocument::~PdfDocument() {
    if (m_impl->cr != nullptr) {
        cairo_destroy(m_impl->cr);
    }
    if (m_impl->surface != nullptr) {
        cairo_surface_destroy(m_impl->surface);
    }
}

void PdfDocument::heading(std::string_view text, int level) {
    Style s;
    s.size = level == 1 ? 18 : 13.5;
    s.bold = true;
    s.before = level == 1 ? 0 : 10;
    s.after = level == 1 ? 8 : 4;
    s.keepWithNext = true;
    m_impl->text(text, s);
}

void PdfDocument::paragraph(std::string_view text) {
    m_impl->text(text, Style{});
}

void PdfDocument::field(std::string_view label, std::string_view value) {
    Style s;
    s.after = 2;
    std::string line(label);
    line += ": ";
    line += value;
    m_impl->text(line, s, false, label.size() + 1);
}

void PdfDocument::quote(std::string_view text) {
    Style s;
    s.italic = true;
    s.indent = 18;
    s.before = 2;
    s.after = 6;
    m_impl->text(text, s, true);
}

void PdfDocument::muted(std::string_view text) {
    Style s;
    s.size = 9.5;
    s.grey = 0.35;
    m_impl->text(text, s);
}

void PdfDocument::rule() {
    Impl& d = *m_impl;
    if (d.finished) {
        return;
    }
    d.y += 6;
    if (d.y > d.bottom()) {
        d.newPage();
    }
    cairo_save(d.cr);
    cairo_set_source_rgb(d.cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(d.cr, 0.6);
    cairo_move_to(d.cr, kMargin, d.y);
    cairo_line_to(d.cr, kPageWidth - kMargin, d.y);
    cairo_stroke(d.cr);
    cairo_restore(d.cr);
    d.y += 8;
}

common::Result<std::string> PdfDocument::finish() {
    Impl& d = *m_impl;
    if (!d.finished) {
        d.footer();
        cairo_show_page(d.cr);
        cairo_destroy(d.cr);
        d.cr = nullptr;
        cairo_surface_finish(d.surface);
        const cairo_status_t status = cairo_surface_status(d.surface);
        cairo_surface_destroy(d.surface);
        d.surface = nullptr;
        d.finished = true;
        if (status != CAIRO_STATUS_SUCCESS) {
            return common::makeError("pdf", cairo_status_to_string(status));
        }
    }
    return d.bytes;
}

} // namespace wardvoice::aggregator
