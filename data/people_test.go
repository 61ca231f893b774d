package data_test

import (
	"fmt"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/samples"
	"strings"
	"testing"
)

func TestPeopleForEverySampleShape(t *testing.T) {
	cases := []struct {
		file     string
		names    []string
		kinds    []string
		sessions []int
	}{
		// participants_v2 with sessions matched by id.
		{"callrecord-get-expand-participants_v2-v1.json", nil, nil, nil},
		// deprecated participants, sessions matched by id.
		{"callrecord-get-expand-sessions-v1-2021.json", []string{"Abbie Wilkins", "Owen Franklin"}, []string{"user", "user"}, []int{1, 1}},
		// no participant list: the distinct participant endpoints.
		{"session-list-expand-segments-v1.json", []string{"Abbie Wilkins", "Owen Franklin"}, []string{"user", "user"}, []int{1, 1}},
		// participants_v2 and a session whose callee is a service.
		{"m365cli-spec-callrecord-get-expand-sessions.json", []string{"John Doe"}, []string{"user"}, []int{1}},
		// a list response: people without sessions.
		{"callrecords-list-v1.json", nil, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			f, err := load.Load(c.file, fixture.Read(t, "graph", c.file))
			if err != nil {
				t.Fatal(err)
			}
			people := f.Records[0].People()
			if c.names == nil {
				if n := f.Records[0].ParticipantCount(); len(people) != n {
					t.Errorf("%d people, %d participants", len(people), n)
				}
				return
			}
			var names, kinds []string
			var sessions []int
			for _, p := range people {
				names, kinds, sessions = append(names, p.Name), append(kinds, p.Kind), append(sessions, len(p.Sessions))
			}
			if fmt.Sprint(names, kinds, sessions) != fmt.Sprint(c.names, c.kinds, c.sessions) {
				t.Errorf("people %v %v %v, want %v %v %v", names, kinds, sessions, c.names, c.kinds, c.sessions)
			}
		})
	}
}

func TestPeopleOfTheDemo(t *testing.T) {
	f, err := load.Load("demo", samples.Demo)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range f.Records[0].People() {
		got = append(got, fmt.Sprintf("%s|%s|%d|%s|%s|%s", p.Name, p.Kind, len(p.Sessions), p.Quality.Worst(),
			strings.Join(p.Platforms, ","), strings.Join(p.Connections, ",")))
	}
	want := []string{
		"Alice Okafor|user|1|poor|windows|wifi",
		"Bob Lindqvist|user|1|poor|macOS|wired",
		"Dev Patel|user|1|poor|windows|wired",
		"Chiara Rossi (Guest)|guest|1|unclassified|iOS|mobile",
		"Eva Nowak|user|1|good|web|satellite",
		"+14255550123|phone|1|poor||", // the segments are between services: no network of theirs
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("people:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
