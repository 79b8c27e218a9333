#pragma once
// The one place that includes OpenGL. Triad needs only GL 3.3 core entry points,
// which Mesa/GLVND's libGL exports directly, so prototypes are enough (no loader).
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/gl.h>
#include <GL/glext.h>
