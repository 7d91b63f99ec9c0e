// Layout constants of the compiled gazetteer file (see gazetteer.cc).
// Shared by the reader and GazetteerBuilder; not part of any API.
#ifndef DYAD_GEO_GAZETTEER_FORMAT_H_
#define DYAD_GEO_GAZETTEER_FORMAT_H_

#include <cstddef>

namespace dyad::geo::internal {

inline constexpr char kGazetteerMagic[8] = {'D', 'Y', 'G', 'A', 'Z', '0', '1', '\0'};
inline constexpr std::size_t kHeaderSize = 20;  // magic + 3 x u32
inline constexpr std::size_t kPackedSize = 32;
inline constexpr std::size_t kKeySize = 8;

}  // namespace dyad::geo::internal

#endif  // DYAD_GEO_GAZETTEER_FORMAT_H_
