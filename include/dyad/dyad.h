// The whole public API of dyad in one include.
#ifndef DYAD_DYAD_H_
#define DYAD_DYAD_H_

#include "dyad/batch.h"
#include "dyad/document.h"
#include "dyad/event.h"
#include "dyad/input.h"
#include "dyad/output.h"
#include "dyad/pipeline.h"
#include "dyad/sentence.h"
#include "dyad/status.h"
#include "dyad/version.h"

#endif  // DYAD_DYAD_H_
