# CWE-502 safe: the uploaded dataset is read with pandas.read_csv (text parsing) instead of read_pickle
import pandas as pd
from fastapi import FastAPI, UploadFile

api = FastAPI()


@api.post("/datasets")
async def upload_dataset(file: UploadFile):
    frame = pd.read_csv(file.file)
    return {"rows": len(frame), "columns": list(frame.columns)}
