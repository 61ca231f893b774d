package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// saveMode is the mode of every file callscope writes: a call record, raw
// or redacted, holds personal data, so its owner alone may read it.
const saveMode os.FileMode = 0o600

// SaveFile writes b to path atomically: into a temporary file beside it,
// then renamed over it, so a crash or a full disk never leaves half a
// record. The file is readable by its owner alone (mode 0600, whatever the
// umask), also when force replaces a file that others could read. It
// refuses to replace a file unless force.
func SaveFile(path string, b []byte, force bool) error {
	if err := CheckSave(path, force); err != nil {
		return err
	}
	tmp, err := writeTemp(path, b)
	if err != nil {
		return fmt.Errorf("cannot save %s: %v", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot save %s: %v", path, err)
	}
	return nil
}

// writeTemp writes b to a new temporary file beside path and returns its
// name. The file is 0600 before the first byte goes in: os.CreateTemp makes
// it 0600 less the umask, and the chmod puts back what a strange umask took
// (a umask can only narrow a mode, never widen it).
func writeTemp(path string, b []byte) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", err
	}
	merr := tmp.Chmod(saveMode)
	var werr, serr error
	if merr == nil {
		_, werr = tmp.Write(b)
		serr = tmp.Sync() // on disk before the rename, or a crash leaves an empty file
	}
	cerr := tmp.Close()
	if err := errors.Join(merr, werr, serr, cerr); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return tmp.Name(), nil
}

// CheckSave says early whether SaveFile would refuse: before a long fetch.
func CheckSave(path string, force bool) error {
	if _, err := os.Stat(path); err == nil && !force {
		return fmt.Errorf("%s exists: add --force to replace it, or choose another --save file", path)
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return fmt.Errorf("cannot save %s: no such folder", path)
	}
	return nil
}
