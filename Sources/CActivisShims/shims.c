// The shims are static inline functions in include/ActivisShims.h; this file
// gives the target something to compile.
#include "ActivisShims.h"
