package glossary

import "testing"

func TestMatchLetters(t *testing.T) {
	tests := []struct {
		short, long string
		want        string
		ok          bool
	}{
		{"SSA", "Space Situational Awareness", "Space Situational Awareness", true},
		{"CCDCOE", "Cooperative Cyber Defence Centre of Excellence", "Cooperative Cyber Defence Centre of Excellence", true},
		{"CyCon", "International Conference on Cyber Conflict", "Cyber Conflict", true},
		{"NATO", "North Atlantic Treaty Organization", "North Atlantic Treaty Organization", true},
		{"HA/DR", "Humanitarian Assistance and Disaster Relief", "Humanitarian Assistance and Disaster Relief", true},
		{"C4ISR", "Command, Control, Communications, Computers, Intelligence, Surveillance and Reconnaissance", "", false}, // no 4 in the words
		{"5G", "fifth generation", "", false}, // no letter evidence for 5
		{"5G", "5th Generation", "5th Generation", true},
		{"ssa", "space situational awareness", "space situational awareness", true}, // case-insensitive
		{"SSA", "Awareness of Space", "", false},                                    // order matters
		{"SSA", "Sub-Saharan Africa", "Sub-Saharan Africa", true},
		{"XYZ", "Space Situational Awareness", "", false},
		{"SSA", "SSA", "", false},               // long form must be longer
		{"SSA", "the SSA programme", "", false}, // restates the short form
		{"123", "one two three four", "", false},
		{"WHO", "the World Health Organization", "World Health Organization", true},
		{"", "anything at all", "", false},
		{"SSA", "", "", false},
		{"IT", "wit and humour", "", false},                                       // I must start a word
		{"XML", "Extensible Markup Language", "Extensible Markup Language", true}, // X for the ex of a word
		{"XML", "the Extensible Markup Language", "Extensible Markup Language", true},
		{"XML", "text Markup Language", "", false}, // the x of text begins no word
		{"ML", "Extensible Markup Language", "Markup Language", true},
	}
	for _, tt := range tests {
		t.Run(tt.short+"/"+tt.long, func(t *testing.T) {
			got, ok := MatchLetters(tt.short, tt.long)
			if got != tt.want || ok != tt.ok {
				t.Errorf("MatchLetters(%q, %q) = %q, %v; want %q, %v", tt.short, tt.long, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestIsAcronym(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"SSA", true}, {"CyCon", true}, {"C4ISR", true}, {"5G", true}, {"HA/DR", true}, {"IoT", true},
		{"JSDF", true}, {"S&T", true}, {"XML", true}, {"DVD", true}, {"MIDI", true}, {"MC", true}, {"CD", true},
		{"XIV", false}, {"XL", false}, {"VI", false},
		{"III", false}, {"IV", false}, {"2019", false}, {"Locked", false}, {"ssa", false}, {"A", false},
		{"TOOLONGACRONYM", false}, {"SS A", false}, {"ＳＳＡ", false}, {"-SSA", false},
	}
	for _, tt := range tests {
		if got := IsAcronym(tt.s); got != tt.want {
			t.Errorf("IsAcronym(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
