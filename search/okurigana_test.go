package search

import "testing"

func TestOkuriganaKey(t *testing.T) {
	tests := []struct {
		term, key string
		ok        bool
	}{
		{"組み込み", "組込", true},
		{"組込み", "組込", true},
		{"組込", "組込", true},
		{"取り扱い", "取扱", true},
		{"見る", "", false},      // one kanji: inflections and other words
		{"おき換え", "", false},    // starts with kana
		{"システム", "", false},    // no kanji
		{"組み込みソフト", "", false}, // katakana
		{"日本", "日本", true},
	}
	for _, tt := range tests {
		key, ok := okuriganaKey(tt.term)
		if key != tt.key || ok != tt.ok {
			t.Errorf("okuriganaKey(%q) = %q, %v; want %q, %v", tt.term, key, ok, tt.key, tt.ok)
		}
	}
}
