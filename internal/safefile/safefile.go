// Package safefile writes a file whole or not at all: into a temporary
// file beside it, synced, then renamed over it. The file is readable by its
// owner alone (mode 0600): callscope's files hold personal data.
package safefile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Mode is the mode of every file written.
const Mode os.FileMode = 0o600

// File is a file being written. Commit puts it in place; Abort, or a crash
// before Commit, leaves nothing at its path (a crash may leave a hidden
// temporary file beside it, named ".<name>.*.tmp").
type File struct {
	*os.File
	path string
	done bool

	written, started int64 // bytes written; bytes whose writing to disk was started
}

// Write writes b to the temporary file. Every writeBehind bytes it asks
// the system to start writing what came before to disk, without waiting:
// otherwise the system holds a big file's pages (an export of gigabytes)
// until Commit's sync, which then waits for all of them at once. PostgreSQL
// does the same for its big writes.
func (f *File) Write(b []byte) (int, error) {
	n, err := f.File.Write(b)
	f.written += int64(n)
	if f.written-f.started >= writeBehind {
		startWriteback(f.File, f.started, f.written-f.started)
		f.started = f.written
	}
	return n, err
}

// writeBehind is how much is written before its writing to disk is started.
const writeBehind = 8 << 20

// Check says early whether Create would refuse path: it exists and may
// not be replaced, or its folder does not exist. Commands call it before a
// long fetch or read.
func Check(path string, replace bool) error {
	if _, err := os.Lstat(path); err == nil && !replace {
		return fmt.Errorf("%s exists: add --force to replace it, or choose another file", path)
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return fmt.Errorf("cannot write %s: no such folder", path)
	}
	return nil
}

// Write writes b to path whole, or leaves path as it was (see Create).
func Write(path string, b []byte, replace bool) error {
	f, err := Create(path, replace)
	if err != nil {
		return err
	}
	defer f.Abort() // unless committed
	if _, err := f.Write(b); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	return f.Commit()
}

// Create starts writing path. It refuses to replace an existing file
// unless replace.
func Create(path string, replace bool) (*File, error) {
	if err := Check(path, replace); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %v", path, err)
	}
	// CreateTemp gives 0600 less the umask; a umask can only narrow it.
	if err := tmp.Chmod(Mode); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("cannot write %s: %v", path, err)
	}
	return &File{File: tmp, path: path}, nil
}

// Commit syncs the file and renames it into place, then syncs the folder
// so that the rename survives a crash.
func (f *File) Commit() error {
	if f.done {
		return errors.New("safefile: committed twice")
	}
	f.done = true
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(serr, cerr); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("cannot write %s: %v", f.path, err)
	}
	if err := os.Rename(f.Name(), f.path); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("cannot write %s: %v", f.path, err)
	}
	if d, err := os.Open(filepath.Dir(f.path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// Abort removes the temporary file; after Commit it does nothing.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.Close()
	os.Remove(f.Name())
}

// Path is where the file goes.
func (f *File) Path() string { return f.path }
