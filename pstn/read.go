package pstn

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/load"
)

// Log is the rows of a saved log file, or of a fetch.
type Log struct {
	Name     string // the file, "-", or what was fetched
	Kind     Kind   // of every row; Unknown when JSON lines mix kinds
	Context  string // the @odata.context, when the file kept it
	Rows     []*Row
	Warnings []string // what the file lacks: rows of further pages, elements that are no rows
}

// Read reads a saved log: a path, or "-" for standard input, within lim
// (gzip, UTF-16 and a byte-order mark are read as the loader reads them).
func Read(path string, stdin io.Reader, lim load.Limits) (*Log, error) {
	b, err := lim.ReadSource(path, stdin)
	if err != nil {
		return nil, err
	}
	return Parse(path, b, lim)
}

// Parse reads a log in any shape Graph or callscope writes it:
//
//	{"@odata.context": "…#Collection(microsoft.graph.callRecords.directRoutingLogRow)", "value": [rows]}
//	the same without @odata annotations, a bare array of rows, one row
//	JSON lines of rows, as `callscope pstn --format json` writes them
//
// The kind comes from @odata.context or @odata.type, else from the rows'
// keys, as the loader tells it. Malformed JSON is refused with its line and
// column, as the loader refuses it: Graph never sends it (the published
// getPstnBlockedUsersLog example has trailing commas, which no JSON reader
// takes). A file left with @odata.nextLink holds only its first pages: a
// warning says so. b must not change afterwards.
func Parse(name string, b []byte, lim load.Limits) (*Log, error) {
	_, err := lim.Load(name, b)
	if err == nil {
		return nil, fmt.Errorf("%s: it is a call record, not a PSTN or Direct Routing log: open it with `callscope %s`", name, name)
	}
	return classify(name, b, lim, err)
}

// classify reads b as a log, given why the loader refused it as a call
// record: a log Graph wrote (its kind known), an empty collection, or the
// JSON lines `callscope pstn --format json` writes.
func classify(name string, b []byte, lim load.Limits, err error) (*Log, error) {
	var nc *load.NotCallRecordError
	var se *load.SyntaxError
	switch {
	case errors.As(err, &nc) && nc.Log != load.NoLog:
		k := KindOf(nc.Log)
		if nc.Syntax != nil {
			return nil, fmt.Errorf("%w (it is a %s log: fix its JSON, or fetch it again)", nc.Syntax, k)
		}
		return parseAs(name, b, k)
	case errors.As(err, &nc):
		if strings.Contains(nc.What, "empty collection") {
			return &Log{Name: name}, nil
		}
		return nil, fmt.Errorf("%s: not a PSTN, Direct Routing, SMS or dial-out log: %s", name, nc.What)
	case errors.As(err, &se):
		if log, ok := parseLines(name, b, lim); ok {
			return log, nil
		}
	}
	return nil, err
}

// ParseAs reads rows known to be of kind k, such as a fetch's.
func ParseAs(name string, b []byte, k Kind) (*Log, error) {
	if !gjson.ValidBytes(b) {
		return nil, fmt.Errorf("%s: not JSON", name)
	}
	return parseAs(name, b, k)
}

func parseAs(name string, b []byte, k Kind) (*Log, error) {
	root := gjson.Parse(string(skipComments(b)))
	log := &Log{Name: name, Kind: k}
	var rows gjson.Result
	switch {
	case root.IsArray():
		rows = root
	case root.IsObject():
		root.ForEach(func(key, v gjson.Result) bool {
			switch strings.ToLower(key.String()) {
			case "value":
				if !rows.Exists() {
					rows = v
				}
			case "@odata.context":
				log.Context = v.String()
			case "@odata.nextlink":
				if v.String() != "" {
					w := "the file holds only the first page(s) of the log: it still has an @odata.nextLink, so later rows are missing; "
					if k == CallingPlan || k == DirectRouting {
						w += "fetch the log with `callscope pstn --from … --to …`, which follows every page"
					} else {
						w += "fetch it again following every @odata.nextLink"
					}
					log.Warnings = append(log.Warnings, w)
				}
			}
			return true
		})
		if !rows.Exists() {
			log.Rows = append(log.Rows, newRow(k, root)) // one row on its own
			return log, nil
		}
		if !rows.IsArray() {
			return nil, fmt.Errorf("%s: its \"value\" is not an array of rows", name)
		}
	default:
		return nil, fmt.Errorf("%s: not a log: it holds no JSON object", name)
	}
	n := 0
	rows.ForEach(func(_, v gjson.Result) bool {
		n++
		if !v.IsObject() {
			log.Warnings = append(log.Warnings, fmt.Sprintf("element %d of the rows is no JSON object; it was left out", n))
			return true
		}
		rk := k
		if t := v.Get(`@odata\.type`); t.Type == gjson.String {
			if tk := kindOfType(t.Str); tk != Unknown {
				rk = tk
			}
		}
		log.Rows = append(log.Rows, newRow(rk, v))
		return true
	})
	return log, nil
}

// skipComments skips // comment lines before the JSON, as the loader does.
func skipComments(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	for {
		t := bytes.TrimLeft(b, " \t\r\n")
		if !bytes.HasPrefix(t, []byte("//")) {
			return t
		}
		i := bytes.IndexByte(t, '\n')
		if i < 0 {
			return nil
		}
		b = t[i+1:]
	}
}

// parseLines reads JSON lines of rows: each line one row object, its kind
// from its @odata.type (callscope writes one) or else its keys.
func parseLines(name string, b []byte, lim load.Limits) (*Log, bool) {
	log := &Log{Name: name}
	first := true
	rest := skipComments(b)
	for i := 0; len(rest) > 0; i++ {
		// Line by line, not bytes.Split: a big record that is not JSON
		// lines stops at its first line, before its lines are cut.
		line := rest
		if j := bytes.IndexByte(rest, '\n'); j >= 0 {
			line, rest = rest[:j], rest[j+1:]
		} else {
			rest = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if !gjson.ValidBytes(line) || line[0] != '{' {
			return nil, false
		}
		obj := gjson.Parse(string(line))
		k := kindOfType(obj.Get(`@odata\.type`).String())
		if k == Unknown {
			var nc *load.NotCallRecordError
			if _, err := lim.Load(name+" line "+strconv.Itoa(i+1), line); errors.As(err, &nc) {
				k = KindOf(nc.Log)
			}
			if k == Unknown {
				return nil, false
			}
		}
		if first {
			log.Kind = k
		} else if log.Kind != k {
			log.Kind = Unknown
		}
		first = false
		log.Rows = append(log.Rows, newRow(k, obj))
	}
	return log, !first
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
