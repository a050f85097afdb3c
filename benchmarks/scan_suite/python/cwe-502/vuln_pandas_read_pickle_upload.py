# CWE-502 vuln: pandas.read_pickle on a user-uploaded file (pickle under the hood)
import pandas as pd
from fastapi import FastAPI, UploadFile

api = FastAPI()


@api.post("/datasets")
async def upload_dataset(file: UploadFile):
    frame = pd.read_pickle(file.file)
    return {"rows": len(frame), "columns": list(frame.columns)}
