// The kiosk's font atlas as an OpenGL texture.
#pragma once

namespace wardvoice::kiosk::platform {

/// Uploads the built font atlas as one byte per texel (coverage, swizzled to white with that
/// alpha): a quarter of the RGBA texture ImGui's OpenGL backend would make, which under
/// software GL is process memory (24 MB less at 4K). Sets it as the atlas's texture and frees
/// the CPU copy. Returns the texture, or 0 when the driver cannot swizzle (GL < 3.3); the
/// caller then keeps the backend's texture. Needs a current GL context.
unsigned int uploadFontAtlas();

/// Deletes a texture from uploadFontAtlas() (0 is ignored).
void deleteFontAtlas(unsigned int texture);

} // namespace wardvoice::kiosk::platform
