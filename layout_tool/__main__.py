from layout_tool.cli.main import main

main()
