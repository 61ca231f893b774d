package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/callscope/callscope/generate"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/jqpath"
	"github.com/callscope/callscope/load"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The JSON report names every stream uniquely though the record repeats
// every id: its path, as `y p` copies it, resolves to the stream in the
// file, with this package's path code and with jq.
func TestJSONStreamsAreUnique(t *testing.T) {
	doc := fixture.Read(t, "crafted-aa-cq-bot-pstn.json")
	f, err := load.Load("crafted.json", doc)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Write(&out, f, FormatJSON); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Streams  []json.RawMessage
		Failures []map[string]any
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Streams) != 14 {
		t.Fatalf("%d streams, want 14", len(rep.Streams))
	}
	// New keys come after the old ones (see TestJSONReportKeys).
	if got := strings.Join(objectKeys(t, out.String(), "failures"), ","); got != "session,segment,stage,reason,path,leg,who" {
		t.Errorf("failure keys %s", got)
	}
	if got := strings.Join(objectKeys(t, out.String(), "streams"), ","); !strings.HasSuffix(got, ",caller,callee,path,participant") {
		t.Errorf("stream keys %s", got)
	}
	var root any
	json.Unmarshal(doc, &root)
	seen, seenWithoutPath := map[string]bool{}, map[string]bool{}
	repeats := 0
	var paths []string
	for i, raw := range rep.Streams {
		if seen[string(raw)] {
			t.Errorf("stream %d repeats an earlier line: %s", i, raw)
		}
		seen[string(raw)] = true
		var s map[string]any
		json.Unmarshal(raw, &s)
		if s["streamId"] != "1000" {
			t.Errorf("stream %d id %v: the crafted record has only 1000", i, s["streamId"])
		}
		path, _ := s["path"].(string)
		paths = append(paths, path)
		got, err := resolvePath(root, path)
		if err != nil {
			t.Fatalf("stream %d: %v", i, err)
		}
		st, _ := got.(map[string]any)
		if st["streamDirection"] != s["direction"] || st["streamId"] != s["streamId"] {
			t.Errorf("stream %d: %s is %v", i, path, got)
		}
		delete(s, "path")
		b, _ := json.Marshal(s)
		if seenWithoutPath[string(b)] {
			repeats++
		}
		seenWithoutPath[string(b)] = true
	}
	if repeats == 0 {
		t.Error("no two streams are alike without their paths: the record no longer shows why paths are needed")
	}
	// The same path `y p` copies.
	i := 0
	r := f.Records[0]
	for _, se := range r.Sessions {
		for _, sg := range se.Segments {
			for _, md := range sg.Media {
				for _, st := range md.Streams {
					if want := jqpath.Of(f, r, se, sg, md, st); paths[i] != want {
						t.Errorf("stream %d: path %s, y p copies %s", i, paths[i], want)
					}
					i++
				}
			}
		}
	}
	if len(rep.Failures) != 1 || rep.Failures[0]["path"] != ".sessions[1].segments[0]" ||
		rep.Failures[0]["leg"] != "PSTN gateway AudioCodes → Mediation server" || rep.Failures[0]["who"] != "PSTN leg +14255550142 via AudioCodes" {
		t.Errorf("failures %v", rep.Failures)
	}
	for _, fr := range rep.Failures {
		if _, err := resolvePath(root, fr["path"].(string)); err != nil {
			t.Error(err)
		}
	}
	if _, err := exec.LookPath("jq"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("jq is missing: .ci/run installs it")
		}
		return // the paths resolved above; jq itself is checked when present
	}
	file := filepath.Join(t.TempDir(), "crafted.json")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	for i, path := range paths {
		got, err := exec.Command("jq", "-c", path+".streamDirection", file).Output()
		if err != nil {
			t.Fatalf("jq %s: %v", path, err)
		}
		var s map[string]any
		json.Unmarshal(rep.Streams[i], &s)
		if want, _ := json.Marshal(s["direction"]); string(bytes.TrimSpace(got)) != string(want) {
			t.Errorf("jq %s gives %s, want %s", path, got, want)
		}
	}
}

var pathStep = regexp.MustCompile(`^(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\.)`)

// resolvePath follows a path of jqpath's kind (.key, [i], a lone ".")
// through decoded JSON.
func resolvePath(v any, path string) (any, error) {
	rest := path
	for rest != "" {
		m := pathStep.FindStringSubmatch(rest)
		if m == nil {
			return nil, fmt.Errorf("%s: cannot read %q", path, rest)
		}
		rest = rest[len(m[0]):]
		switch {
		case m[1] != "":
			o, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s: .%s of a non-object", path, m[1])
			}
			if v, ok = o[m[1]]; !ok {
				return nil, fmt.Errorf("%s: no %s", path, m[1])
			}
		case m[2] != "":
			a, ok := v.([]any)
			i, _ := strconv.Atoi(m[2])
			if !ok || i >= len(a) {
				return nil, fmt.Errorf("%s: no element %d", path, i)
			}
			v = a[i]
		}
	}
	return v, nil
}

// The stream's participant is the person its leg is for: on the leg, or
// the session's (a PSTN leg between services serves the phone), null for a
// bot's session.
func TestJSONStreamParticipant(t *testing.T) {
	f := crafted(t)
	var out bytes.Buffer
	Write(&out, f, FormatJSON)
	var rep struct{ Streams []map[string]any }
	json.Unmarshal(out.Bytes(), &rep)
	phone := map[string]any{"name": "+14255550142", "upn": nil, "id": "+14255550142"}
	priya := map[string]any{"name": "Priya Raman", "upn": "priya.raman@contoso.com", "id": "e8b7c6d5-4a39-4b2c-8d1e-0f9a8b7c6d5e"}
	for i, s := range rep.Streams {
		var want any
		switch {
		case i < 8:
			want = phone
		case i < 10:
			want = priya
		}
		if !reflect.DeepEqual(s["participant"], want) {
			t.Errorf("stream %d (%s → %s): participant %v, want %v", i, s["caller"], s["callee"], s["participant"], want)
		}
	}
}

// Giving every stream its path and participant costs the big report
// little: see BenchmarkWriteJSON. This checks the report of a generated
// meeting stays one valid line per record with every path resolvable.
func TestJSONPathsOfAGeneratedMeeting(t *testing.T) {
	doc := fixture.GeneratedWith(t, generate.Options{Sessions: 200, Seed: 11, PoorShare: 0.3})
	f, err := load.Load("gen", doc)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Write(&out, f, FormatJSON); err != nil {
		t.Fatal(err)
	}
	var rep struct{ Streams []map[string]any }
	if err := json.NewDecoder(io.LimitReader(&out, int64(out.Len()))).Decode(&rep); err != nil {
		t.Fatal(err)
	}
	var root any
	json.Unmarshal(doc, &root)
	seen := map[string]bool{}
	for i, s := range rep.Streams {
		p := s["path"].(string)
		if seen[p] {
			t.Fatalf("stream %d: path %s again", i, p)
		}
		seen[p] = true
		if _, err := resolvePath(root, p); err != nil {
			t.Fatal(err)
		}
	}
	if len(seen) != f.Records[0].Counts().Streams {
		t.Errorf("%d paths for %d streams", len(seen), f.Records[0].Counts().Streams)
	}
}

// TestJSONItemsWrittenInRounds: items built in many rounds, on every core,
// come out each once, in order, comma-separated, whatever the rounds.
func TestJSONItemsWrittenInRounds(t *testing.T) {
	for _, tc := range []struct{ n, size int }{{0, 10}, {1, 10}, {700, 1 << 20}, {5000, 4 << 10}, {5000, 10}} {
		var out bytes.Buffer
		b, err := writeChunked(&out, []byte("["), tc.n, tc.size, func(b []byte, lo, hi int) []byte {
			for i := lo; i < hi; i++ {
				b = append(b, ',')
				b = strconv.AppendInt(b, int64(i), 10)
			}
			return b
		})
		out.Write(b)
		var want strings.Builder
		want.WriteString("[")
		for i := range tc.n {
			if i > 0 {
				want.WriteByte(',')
			}
			want.WriteString(strconv.Itoa(i))
		}
		if err != nil || out.String() != want.String() {
			t.Errorf("%d items of %d bytes: %v, wrote %.80q…, want %.80q…", tc.n, tc.size, err, out.String(), want.String())
		}
	}
}
