package jqpath

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/samples"
)

// jq itself resolves every path to the node it names.
func TestPathsResolveInJQ(t *testing.T) {
	fixture.NeedTool(t, "jq", "a test checks copied paths with jq (apt-get install jq)")
	sources := map[string][]byte{
		"demo.json":    samples.Demo,
		"demo-ps.json": fixture.PowerShell(t, samples.Demo, false),
		"bare-sessions.json": []byte(`[{"id":"s0","caller":{},"segments":[{"id":"g","media":[{"label":"main-audio","streams":[{"streamId":"1"}]}]}]},
			{"id":"s1","caller":{},"segments":[]}]`),
		"ps-unwrapped.json": []byte(`{"Id":"x","Sessions":{"Id":"s","Segments":{"Id":"g","Media":{"Label":"main-audio","Streams":{"StreamId":"1"}}}}}`),
		"odd-keys.json":     []byte(`{"id":"x","sessions":[null,{"id":"s1","segments":[{"id":"g","media":[{"label":"a","streams":[{},{"streamId":"2"}]}]}]}]}`),
	}
	for _, name := range []string{"callrecord-get-expand-sessions-v1-2021.json", "session-list-expand-segments-v1.json",
		"callrecords-list-v1.json", "m365cli-spec-callrecord-get-expand-sessions.json"} {
		sources[name] = fixture.Read(t, "graph", name)
	}
	dir := t.TempDir()
	for name, b := range sources {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(dir, name)
			if err := os.WriteFile(file, b, 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := load.Load(name, b)
			if err != nil {
				t.Fatal(err)
			}
			check := func(path, raw string) {
				t.Helper()
				out, err := exec.Command("jq", "-c", path, file).Output()
				if err != nil {
					t.Fatalf("jq %s: %v", path, err)
				}
				// jq reformats numbers and drops repeated keys: compare
				// values, not bytes.
				var got, want any
				if json.Unmarshal(out, &got) != nil || json.Unmarshal([]byte(raw), &want) != nil || !reflect.DeepEqual(got, want) {
					t.Errorf("jq %s gives %.80s…, want %.80s…", path, bytes.TrimSpace(out), raw)
				}
			}
			n := 0
			for _, r := range f.Records {
				if f.Shape != data.ShapeSessions {
					check(Of(f, r, nil, nil, nil, nil), r.Raw)
				}
				for _, se := range r.Sessions {
					check(Of(f, r, se, nil, nil, nil), se.Raw)
					for _, sg := range se.Segments {
						check(Of(f, r, se, sg, nil, nil), sg.Raw)
						for _, md := range sg.Media {
							check(Of(f, r, se, sg, md, nil), md.Raw)
							for _, st := range md.Streams {
								check(Of(f, r, se, sg, md, st), st.Raw)
								n++
							}
						}
					}
				}
			}
			if n == 0 && name != "callrecords-list-v1.json" {
				t.Error("no stream paths checked")
			}
		})
	}
}

func TestPathSpelling(t *testing.T) {
	ps, err := load.Load("ps", fixture.PowerShell(t, samples.Demo, false))
	if err != nil {
		t.Fatal(err)
	}
	r := ps.Records[0]
	se := r.Sessions[2]
	sg := se.Segments[0]
	if got := Of(ps, r, se, sg, sg.Media[1], sg.Media[1].Streams[0]); got != ".Sessions[2].Segments[0].Media[1].Streams[0]" {
		t.Errorf("PowerShell path %q", got)
	}
	for k, want := range map[string]string{"sessions": ".sessions", "odd key": `."odd key"`, "a-b": `."a-b"`, "_x9": "._x9", "9x": `."9x"`, "": ".sessions"} {
		if got := string(appendKey(nil, k, "sessions")); got != want {
			t.Errorf("appendKey(%q) = %q, want %q", k, got, want)
		}
	}
}
