#pragma once
// Fault injection at the SQLite seam, after SQLite's own src/test_vfs.c: a VFS that wraps the
// default one and fails the Nth write, fsync or read (counted over every file: the library,
// its WAL and any journal) with the matching SQLITE_IOERR_* code, once. Registered as the
// default VFS while a FaultVfs::Scope lives, so Library::open uses it unchanged.
// Single-threaded tests only (the counters are plain globals).
#include <sqlite3.h>

#include <cstring>

namespace triad::store::test {

enum class Fault { Write, Sync, Read };

class FaultVfs {
 public:
  // Arms the fault: the `n`th operation of `kind` from now fails (n >= 1).
  static void arm(Fault kind, int n) {
    state().kind = kind;
    state().remaining = n;
    state().armed = true;
    state().hit = false;
  }
  static void disarm() { state().armed = false; }
  // A full disk, from now until set_disk_full(false): every write fails with SQLITE_FULL and
  // the -shm file cannot grow (SQLITE_IOERR_SHMSIZE, as the unix VFS says when the disk
  // refuses the bytes it writes to grow that file).
  static void set_disk_full(bool full) { state().full = full; }
  // True when the armed fault has fired since arm().
  static bool hit() { return state().hit; }

  // Installs the faulty VFS as the default for its lifetime.
  struct Scope {
    Scope() {
      auto& s = state();
      s.real = sqlite3_vfs_find(nullptr);
      s.vfs = *s.real;
      s.vfs.zName = "triad-fault";
      s.vfs.szOsFile = static_cast<int>(sizeof(File)) + s.real->szOsFile;
      s.vfs.xOpen = &x_open;
      s.vfs.pAppData = nullptr;
      sqlite3_vfs_register(&s.vfs, 1);
    }
    ~Scope() {
      disarm();
      sqlite3_vfs_unregister(&state().vfs);
      sqlite3_vfs_register(state().real, 1);
    }
  };

 private:
  struct File {
    sqlite3_file base;
    sqlite3_file* real;
  };
  struct State {
    sqlite3_vfs vfs{};
    sqlite3_vfs* real = nullptr;
    sqlite3_io_methods methods{};
    Fault kind = Fault::Write;
    int remaining = 0;
    bool armed = false;
    bool hit = false;
    bool full = false;
  };
  static State& state() {
    static State s;
    return s;
  }
  static bool fire(Fault kind) {
    auto& s = state();
    if (!s.armed || s.kind != kind) return false;
    if (--s.remaining > 0) return false;
    s.armed = false;
    s.hit = true;
    return true;
  }
  static sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }

  static int x_open(sqlite3_vfs*, const char* name, sqlite3_file* opened, int open_flags, int* out_flags) {
    auto& s = state();
    File* file = reinterpret_cast<File*>(opened);
    file->real = reinterpret_cast<sqlite3_file*>(file + 1);
    int rc = s.real->xOpen(s.real, name, file->real, open_flags, out_flags);
    if (rc != SQLITE_OK || !file->real->pMethods) {
      file->base.pMethods = nullptr;
      return rc;
    }
    const sqlite3_io_methods* r = file->real->pMethods;
    sqlite3_io_methods& m = s.methods;
    m = *r;
    m.xClose = [](sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); };
    m.xRead = [](sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
      if (fire(Fault::Read)) return SQLITE_IOERR_READ;
      return real(f)->pMethods->xRead(real(f), buf, n, off);
    };
    m.xWrite = [](sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
      if (fire(Fault::Write)) return SQLITE_IOERR_WRITE;
      if (state().full) return SQLITE_FULL;
      return real(f)->pMethods->xWrite(real(f), buf, n, off);
    };
    m.xTruncate = [](sqlite3_file* f, sqlite3_int64 size) {
      if (fire(Fault::Write)) return SQLITE_IOERR_TRUNCATE;
      return real(f)->pMethods->xTruncate(real(f), size);
    };
    m.xSync = [](sqlite3_file* f, int flags) {
      if (fire(Fault::Sync)) return SQLITE_IOERR_FSYNC;
      return real(f)->pMethods->xSync(real(f), flags);
    };
    m.xFileSize = [](sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); };
    m.xLock = [](sqlite3_file* f, int l) { return real(f)->pMethods->xLock(real(f), l); };
    m.xUnlock = [](sqlite3_file* f, int l) { return real(f)->pMethods->xUnlock(real(f), l); };
    m.xCheckReservedLock = [](sqlite3_file* f, int* out) {
      return real(f)->pMethods->xCheckReservedLock(real(f), out);
    };
    m.xFileControl = [](sqlite3_file* f, int op, void* arg) {
      return real(f)->pMethods->xFileControl(real(f), op, arg);
    };
    m.xSectorSize = [](sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); };
    m.xDeviceCharacteristics = [](sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); };
    if (r->iVersion >= 2) {
      m.xShmMap = [](sqlite3_file* f, int pg, int sz, int extend, void volatile** out) {
        if (extend && state().full) return SQLITE_IOERR_SHMSIZE;
        return real(f)->pMethods->xShmMap(real(f), pg, sz, extend, out);
      };
      m.xShmLock = [](sqlite3_file* f, int off, int n, int flags) {
        return real(f)->pMethods->xShmLock(real(f), off, n, flags);
      };
      m.xShmBarrier = [](sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); };
      m.xShmUnmap = [](sqlite3_file* f, int del) { return real(f)->pMethods->xShmUnmap(real(f), del); };
    }
    if (r->iVersion >= 3) {
      // Memory-mapped reads would bypass xRead: refuse them so every read is counted.
      m.xFetch = [](sqlite3_file*, sqlite3_int64, int, void** out) {
        *out = nullptr;
        return SQLITE_OK;
      };
      m.xUnfetch = [](sqlite3_file* f, sqlite3_int64 off, void* p) {
        return real(f)->pMethods->xUnfetch(real(f), off, p);
      };
    }
    file->base.pMethods = &m;
    return SQLITE_OK;
  }
};

}  // namespace triad::store::test
