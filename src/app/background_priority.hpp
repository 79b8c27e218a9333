#pragma once
// Background work (timeline pictures, waveform, exports) runs at a lower CPU priority than
// the window and the player, so on a two-core laptop it takes the spare time instead of
// lengthening UI frames or dropping video frames. Threads it starts (FFmpeg's decoder
// threads) inherit the priority on Linux.
namespace triad::app {

// Lowers the calling thread's priority (nice 19, the lowest, on Linux; nothing elsewhere). Best effort.
void lower_this_thread_priority();

}  // namespace triad::app
