package serve

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"charm.land/ssh"
)

// resolveID finds a call by its id: the newest copy under --records if the
// folder holds it (the team's own, no Graph request), else Graph. detail
// names it for the audit log.
func (s *Server) resolveID(id string) (src source, detail string, err error) {
	id, err = checkRecordID(id)
	if err != nil {
		return source{}, "", err
	}
	if it, ok := s.cat.byID(id); ok {
		src, err := s.fileSource(&it)
		return src, "call " + id + " (file " + it.rel + ")", err
	}
	if s.cfg.Graph == nil {
		return source{}, "", fmt.Errorf("call %s is not in this server's records, and the server has no Graph credentials to fetch it", id)
	}
	return s.graphSource(id, ""), "call " + id, nil
}

// sourceOf is a picker item's source and its audit detail.
func (s *Server) sourceOf(it *item) (source, string, error) {
	if it.graph {
		return s.graphSource(it.id, it.stamp), "call " + it.id, nil
	}
	src, err := s.fileSource(it)
	return src, "file " + it.rel, err
}

// fileSource reads a file the folder walk found; its size and time now
// (not at the walk) say which copy the cache may give.
func (s *Server) fileSource(it *item) (source, error) {
	fi, err := os.Stat(it.path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // without the server's own path
		}
		return source{}, fmt.Errorf("%s cannot be read: %v", it.rel, err)
	}
	stamp := fileStamp(fi.Size(), fi.ModTime())
	path, name, max := it.path, filepath.ToSlash(it.rel), s.cache.max/(2+2*modelFactor)
	return source{key: "file:" + path, stamp: stamp, name: name, size: fi.Size(),
		fetch: func(context.Context, func(string)) ([]byte, *File, string, error) {
			b, err := readRecordFile(path, name, max)
			return b, nil, stamp, err
		}}, nil
}

// graphSource fetches a record from Graph, every page, with its PSTN log
// rows; stamp is its version when the list said it ("" when not known).
func (s *Server) graphSource(id, stamp string) source {
	return source{key: "graph:" + strings.ToLower(id), stamp: stamp, name: "Graph call record " + id,
		fetch: func(ctx context.Context, progress func(string)) ([]byte, *File, string, error) {
			ctx, cancel := context.WithTimeout(ctx, s.cfg.FetchTimeout)
			defer cancel()
			raw, f, version, err := fetchRecord(ctx, s.cfg.Graph(), id, progress)
			return raw, f, versionStamp(version), err
		}}
}

// report prints a record's report: `report [--format F] CALLID`, or a bare
// CALLID without a terminal (hint set: the text report and how to get the
// explorer).
func (s *Server) report(sess ssh.Session, w who, args []string, hint bool) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "text", "")
	var pos []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			fmt.Fprintf(sess.Stderr(), "callscope: report: %s\n%s", clean(err.Error()), Usage)
			return 2
		}
		if rest = fs.Args(); len(rest) == 0 {
			break
		}
		pos, rest = append(pos, rest[0]), rest[1:]
	}
	if len(pos) != 1 {
		fmt.Fprint(sess.Stderr(), "callscope: report takes one CALLID\n"+Usage)
		return 2
	}
	if err := checkFormat(*format); err != nil {
		fmt.Fprintln(sess.Stderr(), "callscope: "+clean(err.Error()))
		return 2
	}
	src, detail, err := s.resolveID(pos[0])
	if err != nil {
		_ = s.log(w, ActError, clip(err.Error(), 300))
		fmt.Fprintln(sess.Stderr(), "callscope: "+clean(err.Error()))
		return 1
	}
	if err := s.log(w, ActReport, detail+" ("+*format+")"); err != nil {
		fmt.Fprintln(sess.Stderr(), "callscope: the server cannot write its audit log, so it opens nothing; tell its admin")
		return 1
	}
	f, err := s.cache.open(sess.Context(), src, w.role, nil)
	if err == nil {
		err = writeReport(sess, f, *format)
	}
	if err != nil {
		_ = s.log(w, ActError, detail+": "+clip(err.Error(), 300))
		fmt.Fprintln(sess.Stderr(), "callscope: "+clean(err.Error()))
		return 1
	}
	if hint {
		fmt.Fprintln(sess.Stderr(), "callscope: that was the text report; for the explorer use ssh -t")
	}
	return 0
}
