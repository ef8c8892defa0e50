import Foundation
import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphIO

@Suite struct JSONQuotingTests {
    @Test func quotingEscapesExactlyWhatJSONNeeds() {
        func quoted(_ s: String) -> String {
            var out = ""
            JSONValue.quote(s, into: &out)
            return out
        }
        #expect(quoted("plain text") == "\"plain text\"")
        #expect(quoted("say \"hi\"") == #""say \"hi\"""#)
        #expect(quoted(#"C:\x"#) == #""C:\\x""#)
        #expect(quoted("a\nb\tc\r\u{1}") == #""a\nb\tc\r\u0001""#)
        #expect(quoted("Москва 北京 €") == "\"Москва 北京 €\"")
        #expect(quoted("line\u{2028}sep\u{2029}") == #""line\u2028sep\u2029""#)
        // Every quoted string decodes (with Foundation's parser) to the original.
        let alphabet = Array("ab \"\\\n\t\u{1}\u{1F}é€\u{2028}\u{2029}北😀/")
        for n in 0..<3000 {
            // The digits of n in base |alphabet|, as characters: every short combination, deterministically.
            var s = "", k = n
            repeat { s.append(alphabet[k % alphabet.count]); k /= alphabet.count } while k > 0
            let text = "[" + quoted(s) + "]"
            let decoded = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
            #expect(decoded == [s], "\(s.debugDescription)")
        }
    }
}
