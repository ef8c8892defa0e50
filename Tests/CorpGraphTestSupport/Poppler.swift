import Foundation

/// Runs a poppler-utils tool on `pdf` and returns what it prints (`nil` when poppler-utils is not installed).
public func poppler(_ tool: String, _ arguments: [String], pdf: [UInt8]) throws -> String? {
    let candidates = ["/usr/bin/\(tool)", "/usr/local/bin/\(tool)"]
    guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-\(UUID().uuidString).pdf")
    try Data(pdf).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = arguments + [file.path] + (tool == "pdftotext" ? ["-"] : [])
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
