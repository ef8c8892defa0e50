import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "render" {
    RenderBench.main(Array(arguments.dropFirst()))
    exit(0)
}
print("bench")
