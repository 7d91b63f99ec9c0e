#ifndef DYAD_VERSION_H_
#define DYAD_VERSION_H_

namespace dyad {
// The library version, "MAJOR.MINOR.PATCH".
const char* Version();
}  // namespace dyad

#endif  // DYAD_VERSION_H_
